"""Factories and helpers for the lead and offer tests."""

import factory

from accounts.models import OrgUnit
from accounts.roles import Role
from accounts.tests.factories import OrgUnitFactory, user_with_role
from crm.tests.factories import OrganisationFactory
from leads.models import Lead, LeadRoute, Need


class LeadFactory(factory.django.DjangoModelFactory):
    """A bare row; tests that care about routing pass leads through leads.services.lead_pass."""

    class Meta:
        model = Lead

    organisation = factory.SubFactory(OrganisationFactory)
    need = Need.STAFF_TRAINING
    description = "Tarvitsevat työturvallisuuskoulutusta."
    passed_by = factory.LazyFunction(lambda: user_with_role(Role.TEACHER))


def routes_to(unit: OrgUnit, needs=None) -> None:
    for need in needs or Need.values:
        LeadRoute.objects.update_or_create(need=need, defaults={"unit": unit})


def unit_with_members(name: str = "Yrityspalvelut", *, members=(), head=None) -> OrgUnit:
    unit = OrgUnitFactory(name=name, head=head)
    for member in members:
        member.units.add(unit)
    return unit
