import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.models import OrgUnit
from accounts.tests.factories import UserFactory
from crm.models import (
    GROUPS_NEEDING_A_UNIT,
    Contact,
    ContactPreference,
    Delivery,
    Interaction,
    Municipality,
    Organisation,
    PartnershipAgreement,
    ServiceType,
)


def municipality(name: str = "Jyväskylä") -> Municipality:
    return Municipality.objects.get(name_fi=name)


def customer_unit() -> OrgUnit:
    """The unit test customers belong to unless a test names one."""
    return OrgUnit.objects.get_or_create(name="Asiakkuudet", parent=None, defaults={"kind": OrgUnit.Kind.RESULT_AREA})[
        0
    ]


def default_responsible_unit(organisation) -> OrgUnit | None:
    # As on the site: a business or public customer belongs to its account manager's primary unit.
    if organisation.customer_group not in GROUPS_NEEDING_A_UNIT:
        return None
    manager = organisation.account_manager
    return (manager.primary_unit_or_none() if manager else None) or customer_unit()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Testiyritys {n} Oy")
    customer_group = Organisation._meta.get_field("customer_group").default
    municipality = factory.LazyFunction(municipality)
    account_manager = None
    responsible_unit = factory.LazyAttribute(default_responsible_unit)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    organisation = factory.SubFactory(OrganisationFactory)
    first_name = factory.Faker("first_name", locale="fi_FI")
    last_name = factory.Faker("last_name", locale="fi_FI")
    email = factory.Sequence(lambda n: f"contact{n}@yritys.fi")


class ContactPreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPreference

    contact = factory.SubFactory(ContactFactory)
    kind = ContactPreference.Kind.NEWSLETTERS_AND_CAMPAIGNS
    status = ContactPreference.Status.CONSENTED
    date = datetime.date(2026, 1, 1)
    source = ContactPreference.Source.FORM


class InteractionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interaction

    organisation = factory.SubFactory(OrganisationFactory)
    kind = Interaction.Kind.MEETING
    subject = factory.Sequence(lambda n: f"Tapaaminen {n}")
    occurred_at = factory.LazyFunction(timezone.now)


class DeliveryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delivery

    organisation = factory.SubFactory(OrganisationFactory)
    service_type = factory.LazyFunction(lambda: ServiceType.objects.get(code="staff_training"))
    title = factory.Sequence(lambda n: f"Koulutus {n}")
    responsible = factory.SubFactory(UserFactory)
    start_date = datetime.date(2026, 1, 12)
    end_date = datetime.date(2026, 3, 20)
    value = Decimal("12000.00")


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnershipAgreement

    organisation = factory.SubFactory(OrganisationFactory)
    title = "Kumppanuussopimus"
    start_date = datetime.date(2025, 1, 1)
