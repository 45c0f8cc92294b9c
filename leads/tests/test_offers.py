"""Offers: from a lead or directly, lines and total in Decimal, accepted into a delivery, expiring by themselves."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Notification
from crm.models import Delivery, ServiceType, TimelineEntry
from crm.tests.factories import OrganisationFactory
from leads import services as lead_services
from leads.models import Lead, Need, Offer

pytestmark = pytest.mark.django_db


def _qualified_lead(teacher, account_manager) -> Lead:
    lead = Lead(organisation=OrganisationFactory(name="Tarjous Oy"), need=Need.STAFF_TRAINING, description="Tarve")
    lead = lead_services.lead_pass(lead=lead, actor=teacher)
    lead = lead_services.lead_mark_contacted(lead=lead, actor=account_manager)
    return lead_services.lead_qualify(lead=lead, actor=account_manager)


def _line_data(offer: Offer | None, rows) -> dict:
    data = {
        "lines-TOTAL_FORMS": str(len(rows)),
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "1",
        "lines-MAX_NUM_FORMS": "1000",
    }
    for i, (code, description, quantity, price) in enumerate(rows):
        data.update(
            {
                f"lines-{i}-service_type": str(ServiceType.objects.get(code=code).pk) if code else "",
                f"lines-{i}-description": description,
                f"lines-{i}-quantity": quantity,
                f"lines-{i}-unit_price": price,
            }
        )
    return data


def test_a_lead_becomes_a_draft_offer_with_a_line_for_its_need(teacher, account_manager):
    lead = _qualified_lead(teacher, account_manager)
    offer = lead_services.lead_convert_to_offer(lead=lead, actor=account_manager)
    assert offer.state == "draft" and offer.lead == lead and offer.responsible == account_manager
    assert [line.service_type.code for line in offer.lines.all()] == ["staff_training"]
    assert offer.valid_until == timezone.localdate() + datetime.timedelta(days=30)
    assert Notification.objects.filter(recipient=teacher, url=lead.get_absolute_url()).exists()


def test_offer_form_computes_the_total_in_decimal(client, account_manager):
    organisation = OrganisationFactory()
    client.force_login(account_manager)
    data = {
        "title": "Työturvallisuuskoulutus",
        "responsible": account_manager.pk,
        "valid_until": "2027-01-31",
        "notes": "",
        "organisation": organisation.pk,
        **_line_data(
            None,
            [
                ("staff_training", "Koulutuspäivä", "3", "1200.10"),
                ("other", "Materiaalit", "12", "0.35"),
                ("", "", "1", ""),
            ],
        ),
    }  # a spare row as the browser sends it
    response = client.post(f"{reverse('leads:offer_create')}?organisation={organisation.pk}", data)
    assert response.status_code == 302, response.context["formset"].errors
    offer = Offer.objects.get()
    assert response.status_code == 302 and response.url == offer.get_absolute_url()
    assert offer.total == Decimal("3604.50") and offer.lines.count() == 2
    page = client.get(offer.get_absolute_url()).content.decode()
    assert "3\xa0604,50" in page or "3 604,50" in page or "3604,50" in page


def test_offer_without_lines_is_refused_and_keeps_the_input(client, account_manager):
    organisation = OrganisationFactory()
    client.force_login(account_manager)
    data = {
        "title": "Ilman rivejä",
        "responsible": account_manager.pk,
        "valid_until": "2027-01-31",
        **_line_data(None, [("", "", "1", "")]),
    }
    response = client.post(f"{reverse('leads:offer_create')}?organisation={organisation.pk}", data)
    assert response.status_code == 200 and not Offer.objects.exists()
    assert "Ilman rivejä" in response.content.decode()


def test_send_accept_creates_the_delivery_and_tells_the_teacher(client, teacher, account_manager):
    lead = _qualified_lead(teacher, account_manager)
    offer = lead_services.lead_convert_to_offer(lead=lead, actor=account_manager)
    line = offer.lines.get()
    line.unit_price = Decimal("2500.00")
    line.quantity = Decimal("2")
    lead_services.offer_save(offer=offer, lines=[line], actor=account_manager)
    client.force_login(account_manager)
    client.post(reverse("leads:offer_transition", args=[offer.pk, "send"]))
    client.post(reverse("leads:offer_transition", args=[offer.pk, "accept"]))
    offer.refresh_from_db()
    delivery = Delivery.objects.get()
    assert (offer.state, offer.delivery) == ("accepted", delivery)
    assert (delivery.value, delivery.organisation, delivery.service_type.code) == (
        Decimal("5000.00"),
        offer.organisation,
        "staff_training",
    )
    kinds = list(TimelineEntry.objects.filter(organisation=offer.organisation).values_list("kind", flat=True))
    assert kinds.count("offer") == 3 and "delivery" in kinds
    # The teacher hears the outcome, never the euros.
    client.force_login(teacher)
    html = client.get(lead.get_absolute_url()).content.decode()
    assert "€" not in html and "5000" not in html and "5\xa0000" not in html


def test_state_rules(account_manager):
    offer = lead_services.offer_save(
        offer=Offer(
            organisation=OrganisationFactory(),
            title="T",
            responsible=account_manager,
            valid_until=datetime.date(2027, 1, 1),
        ),
        lines=[],
        actor=account_manager,
    )
    with pytest.raises(lead_services.OfferStateError):
        lead_services.offer_accept(offer=offer, actor=account_manager)
    with pytest.raises(lead_services.OfferStateError):
        lead_services.offer_send(offer=offer, actor=account_manager)  # no lines
    offer.refresh_from_db()
    assert offer.state == "draft"


def test_a_sent_offer_cannot_be_edited(client, teacher, account_manager):
    offer = lead_services.lead_convert_to_offer(lead=_qualified_lead(teacher, account_manager), actor=account_manager)
    lead_services.offer_send(offer=offer, actor=account_manager)
    client.force_login(account_manager)
    response = client.get(reverse("leads:offer_edit", args=[offer.pk]))
    assert response.status_code == 302 and response.url == offer.get_absolute_url()
    with pytest.raises(lead_services.OfferStateError):
        lead_services.offer_save(offer=offer, lines=[], actor=account_manager)


def test_offers_past_validity_expire_once(teacher, account_manager):
    offer = lead_services.lead_convert_to_offer(lead=_qualified_lead(teacher, account_manager), actor=account_manager)
    lead_services.offer_send(offer=offer, actor=account_manager)
    draft = lead_services.lead_convert_to_offer(lead=_qualified_lead(teacher, account_manager), actor=account_manager)
    day_after = offer.valid_until + datetime.timedelta(days=1)
    assert lead_services.offers_expire(today=offer.valid_until) == 0  # valid through its last day
    assert lead_services.offers_expire(today=day_after) == 1
    assert lead_services.offers_expire(today=day_after) == 0
    offer.refresh_from_db()
    draft.refresh_from_db()
    assert (offer.state, draft.state) == ("expired", "draft")


def test_offer_pages_by_role(client, teacher, account_manager, management):
    offer = lead_services.lead_convert_to_offer(lead=_qualified_lead(teacher, account_manager), actor=account_manager)
    client.force_login(management)
    assert client.get(reverse("leads:offer_list")).status_code == 200
    assert client.get(offer.get_absolute_url()).status_code == 200
    assert client.get(reverse("leads:offer_edit", args=[offer.pk])).status_code == 403
    assert client.post(reverse("leads:offer_transition", args=[offer.pk, "send"])).status_code == 403
    client.force_login(teacher)
    assert client.get(reverse("leads:offer_list")).status_code == 403
    assert client.get(offer.get_absolute_url()).status_code == 403
    client.force_login(account_manager)
    listing = client.get(reverse("leads:offer_list"), {"state": "draft"})
    assert list(listing.context["page"].object_list) == [offer]
    assert client.get(reverse("leads:offer_transition", args=[offer.pk, "send"])).status_code == 405


def test_direct_offer_starts_by_picking_the_organisation(client, account_manager):
    wanted = OrganisationFactory(name="Suora Asiakas Oy", business_id="0112038-9")
    client.force_login(account_manager)
    page = client.get(reverse("leads:offer_create"), {"organisation_text": "Suora"})
    assert page.status_code == 200 and "Suora Asiakas Oy" in page.content.decode()
    response = client.get(reverse("leads:offer_create"), {"organisation_text": "0112038-9"})
    assert response.url.endswith(f"?organisation={wanted.pk}")
    form = client.get(response.url)
    assert form.status_code == 200 and form.context["offer"].organisation == wanted


def test_organisation_page_shows_leads_and_offers(client, teacher, account_manager):
    lead = _qualified_lead(teacher, account_manager)
    offer = lead_services.lead_convert_to_offer(lead=lead, actor=account_manager)
    client.force_login(account_manager)
    html = client.get(lead.organisation.get_absolute_url()).content.decode()
    assert lead.get_absolute_url() in html and offer.get_absolute_url() in html
