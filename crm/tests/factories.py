import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.tests.factories import UserFactory
from crm.models import (
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


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Testiyritys {n} Oy")
    customer_group = Organisation._meta.get_field("customer_group").default
    municipality = factory.LazyFunction(municipality)


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
