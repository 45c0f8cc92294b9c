"""An offer's delivering unit: the responsible person's primary unit by default; the delivery inherits it."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.services import user_units_set
from accounts.tests.factories import OrgUnitFactory
from crm.models import ServiceType
from crm.tests.factories import OrganisationFactory
from leads.models import Offer, OfferLine
from leads.services.offers import offer_accept, offer_save, offer_send

pytestmark = pytest.mark.django_db


def _offer(responsible, **extra) -> Offer:
    offer = Offer(
        organisation=OrganisationFactory(),
        title="Tarjous",
        responsible=responsible,
        valid_until=datetime.date(2027, 1, 31),
        **extra,
    )
    line = OfferLine(
        service_type=ServiceType.objects.get(code="staff_training"),
        description="Koulutus",
        quantity=Decimal("1"),
        unit_price=Decimal("1000"),
    )
    return offer_save(offer=offer, lines=[line], actor=responsible)


def test_an_offer_takes_its_responsible_persons_primary_unit_and_its_delivery_the_offers(account_manager):
    unit, chosen = OrgUnitFactory(), OrgUnitFactory()
    user_units_set(user=account_manager, units=[unit])
    assert _offer(account_manager).unit == unit
    offer = _offer(account_manager, unit=chosen)
    assert offer.unit == chosen
    offer = offer_accept(offer=offer_send(offer=offer, actor=account_manager), actor=account_manager)
    assert offer.delivery.unit == chosen


def test_admin_offer_form_defaults_the_unit(client, admin, account_manager):
    unit = OrgUnitFactory()
    user_units_set(user=account_manager, units=[unit])
    offer = _offer(account_manager)
    Offer.objects.filter(pk=offer.pk).update(unit=None)
    client.force_login(admin)
    data = {
        "organisation": offer.organisation_id,
        "title": offer.title,
        "responsible": account_manager.pk,
        "unit": "",
        "valid_until": "2027-01-31",
        "state": "draft",
        "total": "1000.00",
        "notes": "",
        "lines-TOTAL_FORMS": "0",
        "lines-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("admin:leads_offer_change", args=[offer.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    offer.refresh_from_db()
    assert offer.unit == unit
