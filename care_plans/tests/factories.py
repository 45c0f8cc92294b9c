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


def ensure_reference_data() -> None:
    """Put back what migrations ship when an earlier transactional test's flush removed it.

    Transactional tests end with a flush. Depending on the earlier test, post_migrate ran after it (content
    types, permissions and role groups back, under new ids) or not (serialized_rollback; and after a
    Playwright test the restore is silently skipped: its event loop gives the test another connection object,
    one without the serialized contents). Either way the ContentType cache is stale and the data migrations'
    rows are gone; this puts them back through the functions those migrations use.
    """
    import importlib

    from django.apps import apps
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType
    from django.core.management.sql import emit_post_migrate_signal

    from accounts.services import roles_sync
    from crm.models import Industry, Municipality, ServiceType
    from crm.reference_data import load_reference_data

    ContentType.objects.clear_cache()
    if not ContentType.objects.exists():
        emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
        ContentType.objects.clear_cache()
    if not Group.objects.exists():
        roles_sync()
    if not Municipality.objects.exists():
        load_reference_data(Municipality, Industry, ServiceType)
    migration = importlib.import_module("care_plans.migrations.0002_default_aftercare_model")
    migration.create_default(apps, None)
