import datetime

import factory

from accounts.tests.factories import UserFactory
from care_plans.models import CarePlan, FollowUp, PlanAction
from crm.tests.factories import OrganisationFactory


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Jälkihoito {n}")
    owner = factory.SubFactory(UserFactory)
    due_date = datetime.date(2026, 4, 2)


class CarePlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CarePlan

    organisation = factory.SubFactory(OrganisationFactory)
    owner = factory.SubFactory(UserFactory)
    status = CarePlan.Status.ACTIVE
    customer_goals = "Osaava henkilöstö"
    review_date = datetime.date(2026, 9, 1)


class PlanActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanAction

    plan = factory.SubFactory(CarePlanFactory)
    organisation = factory.SelfAttribute("plan.organisation")
    owner = factory.SelfAttribute("plan.owner")
    title = factory.Sequence(lambda n: f"Toimenpide {n}")
    due_date = datetime.date(2026, 5, 4)
