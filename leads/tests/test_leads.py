"""Passing a lead, routing it, working it through its states, and who sees what."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.models import Notification
from accounts.roles import Role
from accounts.tests.factories import user_with_role
from accounts.tests.languages import in_languages
from crm.models import Interaction, Organisation, TimelineEntry
from crm.tests.factories import ContactFactory, OrganisationFactory
from leads import services as lead_services
from leads.models import Lead, LeadEvent, Need
from leads.tests.factories import routes_to, unit_with_members

pytestmark = pytest.mark.django_db


@pytest.fixture
def triage_manager(db):
    return user_with_role(Role.ACCOUNT_MANAGER, email="triage@example.fi", first_name="Tiina", last_name="Triage")


@pytest.fixture
def unit(triage_manager):
    head = user_with_role(Role.MANAGEMENT, email="head@example.fi", first_name="Heikki", last_name="Head")
    unit = unit_with_members("Yrityspalvelut", members=[triage_manager], head=head)
    routes_to(unit)
    return unit


def _pass(client, teacher, **data):
    client.force_login(teacher)
    payload = {
        "need": "staff_training",
        "description": "Uusi linja, tarvitsevat koulutusta.",
        "urgency": "normal",
        "visited": "on",
        **data,
    }
    return client.post(reverse("leads:lead_create"), payload)


def test_lead_for_a_managed_customer_goes_to_its_account_manager(
    client, teacher, account_manager, unit, eager_celery, django_capture_on_commit_callbacks, mailoutbox
):
    customer = OrganisationFactory(name="Laukaan Metalli Oy", account_manager=account_manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = _pass(
            client,
            teacher,
            organisation=customer.pk,
            organisation_text=customer.name,
            contact_name="Matti Meikäläinen",
            contact_details="040 123 4567",
        )
    assert response.status_code == 302 and response.url == reverse("leads:my_leads")
    lead = Lead.objects.get()
    assert (lead.organisation, lead.assignee, lead.state, lead.unit) == (customer, account_manager, "assigned", unit)
    assert lead.passed_by == teacher and lead.contact_name == "Matti Meikäläinen"
    assert Notification.objects.filter(recipient=account_manager, url=lead.get_absolute_url()).count() == 1
    assert [m.to for m in mailoutbox] == [[account_manager.email]]
    assert "Laukaan Metalli Oy" in mailoutbox[0].body and "&amp;" not in mailoutbox[0].body
    assert TimelineEntry.objects.filter(organisation=customer, kind="lead").exists()
    visit = Interaction.objects.get(organisation=customer)
    assert visit.kind == Interaction.Kind.WORKPLACE_VISIT and visit.created_by == teacher


def test_lead_without_account_manager_goes_to_the_units_triage_queue(
    client, teacher, triage_manager, unit, eager_celery, django_capture_on_commit_callbacks, mailoutbox
):
    customer = OrganisationFactory(name="Muuramen Puu Oy")
    with django_capture_on_commit_callbacks(execute=True):
        _pass(client, teacher, organisation=customer.pk, organisation_text=customer.name, need="apprenticeship")
    lead = Lead.objects.get()
    assert (lead.state, lead.assignee, lead.unit) == ("new", None, unit)
    assert Notification.objects.filter(recipient=triage_manager).count() == 1
    assert [m.to for m in mailoutbox] == [[triage_manager.email]]
    client.force_login(triage_manager)
    queue = client.get(reverse("leads:triage"))
    assert list(queue.context["page"].object_list) == [lead]


def test_new_organisation_is_kept_as_text_not_added_to_the_register(client, teacher, unit):
    before = Organisation.objects.count()
    _pass(client, teacher, organisation_text="Uusi Paja Oy", new_business_id="01120389")
    lead = Lead.objects.get()
    assert lead.organisation is None
    assert (lead.new_organisation_name, lead.new_business_id) == ("Uusi Paja Oy", "0112038-9")
    assert Organisation.objects.count() == before
    assert not Interaction.objects.exists()
    assert lead.visited_on is not None


@pytest.mark.parametrize(
    "text, found",
    [("Jämsän Sähkö Oy (0112038-9)", True), ("0112038-9", True), ("jämsän sähkö oy", True), ("Jämsän", False)],
)
def test_without_javascript_the_typed_text_is_matched_on_the_server(client, teacher, unit, text, found):
    customer = OrganisationFactory(name="Jämsän Sähkö Oy", business_id="0112038-9")
    OrganisationFactory(name="Jämsän Sähkö Oy Itä")
    _pass(client, teacher, organisation_text=text)
    lead = Lead.objects.get()
    assert (lead.organisation == customer) is found
    assert (lead.new_organisation_name == text) is not found


def test_a_validation_error_keeps_everything_typed(client, teacher, unit):
    response = _pass(
        client,
        teacher,
        organisation_text="Keuruun Kala Oy",
        need="",
        description="Kalaa ja koulutusta",
        contact_name="Kaija",
        new_business_id="123",
    )
    assert response.status_code == 200
    assert not Lead.objects.exists()
    html = response.content.decode()
    for typed in ("Keuruun Kala Oy", "Kalaa ja koulutusta", "Kaija", 'value="123"'):
        assert typed in html
    assert set(response.context["form"].errors) == {"need", "new_business_id"}


def test_a_picked_organisation_stays_picked_after_an_error(client, teacher, unit):
    customer = OrganisationFactory(name="Joutsan Kone Oy")
    response = _pass(client, teacher, organisation=customer.pk, organisation_text=customer.name, description="")
    assert response.status_code == 200
    assert response.context["picked"] == customer
    assert f'name="organisation" value="{customer.pk}"' in response.content.decode()


def test_pass_a_lead_page_is_phone_ready(client, teacher):
    client.force_login(teacher)
    html = client.get(reverse("leads:lead_create")).content.decode()
    assert 'name="viewport"' in html and "font-size: 1rem" in html and "min-height: 48px" in html
    assert html.count('type="radio"') == len(Need.choices) + len(Lead.Urgency.choices)


# --- autocomplete ---------------------------------------------------------------------------------


def test_autocomplete_gives_ten_names_as_fragment_and_json(client, teacher):
    for n in range(12):
        OrganisationFactory(name=f"Konepaja {n:02d} Oy")
    OrganisationFactory(name="Arkistoitu Konepaja Oy", is_archived=True)
    client.force_login(teacher)
    fragment = client.get(reverse("leads:organisation_autocomplete"), {"q": "konepaja"}, HTTP_HX_REQUEST="true")
    assert fragment.content.decode().count("hx-get=") == 10
    data = client.get(reverse("leads:organisation_autocomplete"), {"q": "konepaja", "format": "json"}).json()
    names = [row["name"] for row in data["results"]]
    assert names == sorted(names) and len(names) == 10 and "Arkistoitu Konepaja Oy" not in names
    assert set(data["results"][0]) == {"id", "name", "business_id"}


def test_autocomplete_does_not_reveal_contact_persons(client, teacher):
    ContactFactory(organisation=OrganisationFactory(name="Salainen Oy"), last_name="Virtanen")
    client.force_login(teacher)
    data = client.get(reverse("leads:organisation_autocomplete"), {"q": "Virtanen", "format": "json"}).json()
    assert data["results"] == []


def test_autocomplete_by_business_id(client, teacher):
    wanted = OrganisationFactory(name="Y-tunnuksella Oy", business_id="0112038-9")
    client.force_login(teacher)
    data = client.get(reverse("leads:organisation_autocomplete"), {"q": "0112038-9", "format": "json"}).json()
    assert [row["id"] for row in data["results"]] == [wanted.pk]


def test_picking_returns_the_picker_with_the_organisation(client, teacher):
    customer = OrganisationFactory(name="Valittu Oy")
    client.force_login(teacher)
    html = client.get(reverse("leads:organisation_pick"), {"pk": customer.pk}).content.decode()
    assert f'name="organisation" value="{customer.pk}"' in html and "Valittu Oy" in html


# --- states ---------------------------------------------------------------------------------------


def _lead(teacher, *, organisation=None, **kwargs) -> Lead:
    lead = Lead(
        organisation=organisation,
        need=kwargs.pop("need", Need.STAFF_TRAINING),
        description="Tarve",
        new_organisation_name="" if organisation else "Uusi Oy",
        **kwargs,
    )
    return lead_services.lead_pass(lead=lead, actor=teacher)


def test_states_move_only_forward(teacher, account_manager, unit):
    lead = _lead(teacher, organisation=OrganisationFactory())
    with pytest.raises(lead_services.LeadStateError):
        lead_services.lead_qualify(lead=lead, actor=account_manager)
    with pytest.raises(lead_services.LeadStateError):
        lead_services.lead_convert_to_offer(lead=lead, actor=account_manager)
    lead = lead_services.lead_mark_contacted(lead=lead, actor=account_manager, note="Soitettu")
    assert lead.assignee == account_manager and lead.contacted_at is not None
    lead = lead_services.lead_qualify(lead=lead, actor=account_manager)
    offer = lead_services.lead_convert_to_offer(lead=lead, actor=account_manager)
    lead.refresh_from_db()
    assert (lead.state, lead.converted_to, offer.lead) == ("converted", "offer", lead)
    with pytest.raises(lead_services.LeadStateError):
        lead_services.lead_close(lead=lead, actor=account_manager, reason="duplicate")
    states = list(LeadEvent.objects.filter(lead=lead).values_list("state", flat=True))
    assert states == ["new", "contacted", "qualified", "converted"]
    assert TimelineEntry.objects.filter(organisation=lead.organisation, kind="lead").count() == 4


def test_closing_needs_a_reason_and_tells_the_teacher(teacher, account_manager, unit):
    lead = _lead(teacher, organisation=OrganisationFactory())
    with pytest.raises(ValidationError):
        lead_services.lead_close(lead=lead, actor=account_manager, reason="")
    lead = lead_services.lead_close(lead=lead, actor=account_manager, reason=Lead.CloseReason.NO_NEED_NOW)
    assert lead.state == "closed" and lead.close_reason == "no_need_now"
    assert lead.get_close_reason_display() in lead.outcome_text
    assert Notification.objects.filter(recipient=teacher).count() == 1


def test_qualifying_a_new_organisation_links_or_creates_it(teacher, account_manager, unit):
    lead = _lead(teacher)
    lead = lead_services.lead_mark_contacted(lead=lead, actor=account_manager)
    with pytest.raises(lead_services.LeadStateError):
        lead_services.lead_qualify(lead=lead, actor=account_manager)
    lead = lead_services.lead_qualify(lead=lead, actor=account_manager, create_new=True)
    organisation = lead.organisation
    assert organisation.name == "Uusi Oy" and organisation.account_manager == account_manager
    # The lead's history so far is copied onto the new customer's timeline.
    entries = [in_languages(e) for e in TimelineEntry.objects.filter(organisation=organisation, kind="lead")]
    assert len(entries) == 3
    assert {
        "fi": "Liidi: Asiakkaaseen otettu yhteyttä",
        "en": "Lead: Customer contacted",
        "sv": "Tips: Kunden kontaktad",
    } in entries


def test_qualify_page_links_an_existing_organisation(client, teacher, account_manager, unit):
    customer = OrganisationFactory(name="Olemassa Oy", business_id="0112038-9")
    lead = lead_services.lead_mark_contacted(lead=_lead(teacher), actor=account_manager)
    client.force_login(account_manager)
    response = client.post(reverse("leads:lead_qualify", args=[lead.pk]), {"organisation_text": "0112038-9"})
    assert response.status_code == 302
    lead.refresh_from_db()
    assert (lead.state, lead.organisation) == ("qualified", customer)


def test_state_buttons_need_post(client, teacher, account_manager, unit):
    lead = _lead(teacher, organisation=OrganisationFactory())
    client.force_login(account_manager)
    for name in ("lead_take", "lead_contacted", "lead_qualify", "lead_convert", "lead_close", "lead_assign"):
        assert client.get(reverse(f"leads:{name}", args=[lead.pk])).status_code == 405


def test_account_manager_works_a_lead_through_the_pages(client, teacher, account_manager, triage_manager, unit):
    lead = _lead(teacher, organisation=OrganisationFactory())
    client.force_login(triage_manager)
    client.post(reverse("leads:lead_take", args=[lead.pk]))
    client.post(reverse("leads:lead_contacted", args=[lead.pk]), {"note": "Sovittu tapaaminen"})
    client.post(reverse("leads:lead_qualify", args=[lead.pk]), {})
    response = client.post(reverse("leads:lead_convert", args=[lead.pk]), {"to": "offer"})
    lead.refresh_from_db()
    assert lead.state == "converted" and lead.assignee == triage_manager
    assert response.url == reverse("leads:offer_edit", args=[lead.offers.get().pk])
    page = client.get(lead.get_absolute_url())
    assert "Sovittu tapaaminen" in page.content.decode()


# --- access ---------------------------------------------------------------------------------------


def test_teacher_sees_only_own_leads_and_no_details(client, teacher, account_manager, unit):
    own = _lead(teacher, organisation=OrganisationFactory(name="Oma Oy"))
    own.contact_details = "040 999 8888"
    own.save()
    other = _lead(user_with_role(Role.TEACHER), organisation=OrganisationFactory())
    offer = lead_services.lead_convert_to_offer(
        lead=lead_services.lead_qualify(
            lead=lead_services.lead_mark_contacted(lead=own, actor=account_manager), actor=account_manager
        ),
        actor=account_manager,
    )
    client.force_login(teacher)
    page = client.get(own.get_absolute_url())
    html = page.content.decode()
    with override("fi"):
        assert page.status_code == 200 and "Oma Oy" in html and _("Converted to an offer") in html
    assert "€" not in html and "040 999 8888" not in html and offer.get_absolute_url() not in html
    assert client.get(other.get_absolute_url()).status_code == 404
    mine = client.get(reverse("leads:my_leads"))
    assert list(mine.context["page"].object_list) == [own]
    for name in ("lead_list", "triage", "offer_list", "lead_statistics"):
        assert client.get(reverse(f"leads:{name}")).status_code == 403, name
    assert client.get(offer.get_absolute_url()).status_code == 403
    assert client.post(reverse("leads:lead_take", args=[own.pk])).status_code == 403


def test_management_reads_but_does_not_work_leads(client, teacher, management, unit):
    lead = _lead(teacher, organisation=OrganisationFactory())
    client.force_login(management)
    assert client.get(lead.get_absolute_url()).status_code == 200
    assert client.get(reverse("leads:lead_list")).status_code == 200
    assert client.get(reverse("leads:lead_statistics")).status_code == 200
    assert client.post(reverse("leads:lead_contacted", args=[lead.pk])).status_code == 403


def test_anonymous_users_are_sent_to_log_in(client):
    for url in (
        reverse("leads:lead_create"),
        reverse("leads:my_leads"),
        reverse("leads:organisation_autocomplete"),
        reverse("leads:lead_detail", args=[1]),
        reverse("notifications:list"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url, url


def test_teacher_lands_on_my_leads(client, teacher):
    client.force_login(teacher)
    assert client.get(reverse("home")).url == reverse("leads:my_leads")


def test_lead_list_filters_and_counts_queries(client, account_manager, teacher, unit, django_assert_max_num_queries):
    for _n in range(5):
        _lead(teacher, organisation=OrganisationFactory())
    _lead(teacher)
    client.force_login(account_manager)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("leads:lead_list"), {"mine": "nobody", "open": "open"})
    assert response.context["page"].paginator.count == 6
    fragment = client.get(reverse("leads:lead_list"), {"q": "Uusi"}, HTTP_HX_REQUEST="true")
    assert fragment.context["page"].paginator.count == 1
    assert "<html" not in fragment.content.decode()


# --- statistics -----------------------------------------------------------------------------------


def test_statistics_per_unit_and_teacher_in_constant_queries(
    client, management, teacher, account_manager, unit, django_assert_max_num_queries
):
    other_teacher = user_with_role(Role.TEACHER, first_name="Toinen", last_name="Opettaja")
    leads = [_lead(teacher, organisation=OrganisationFactory()) for _n in range(3)] + [_lead(other_teacher)]
    Lead.objects.filter(pk=leads[0].pk).update(
        contacted_at=leads[0].created_at + datetime.timedelta(hours=2), state="converted", converted_to="offer"
    )
    Lead.objects.filter(pk=leads[1].pk).update(contacted_at=leads[1].created_at + datetime.timedelta(hours=6))
    stats = lead_services.lead_statistics(Lead.objects.all())
    assert stats["overall"]["total"] == 4 and stats["overall"]["conversion_rate"] == 25.0
    assert stats["overall"]["median_hours"] == pytest.approx(4.0) and stats["overall"]["mean_hours"] == pytest.approx(
        4.0
    )
    by_teacher = {row["passed_by_id"]: row for row in stats["per_teacher"]}
    assert by_teacher[teacher.pk]["total"] == 3 and by_teacher[other_teacher.pk]["converted"] == 0
    assert [row["unit__name"] for row in stats["per_unit"]] == ["Yrityspalvelut"]
    client.force_login(management)
    with django_assert_max_num_queries(10) as captured:
        response = client.get(reverse("leads:lead_statistics"))
    assert response.status_code == 200
    lead_queries = [q["sql"] for q in captured.captured_queries if '"leads_lead"' in q["sql"]]
    assert len(lead_queries) == 3  # whatever the number of leads, units and teachers


# --- notifications --------------------------------------------------------------------------------


def test_notifications_are_listed_and_marked_read(client, account_manager, teacher):
    from accounts.notifications import notify, unread_count

    mine = notify(recipient=account_manager, code="leads.offer_sent", params={"title": "Uusi liidi"}, url="/leads/")
    theirs = notify(recipient=teacher, code="leads.offer_sent", params={"title": "Ei sinun"})
    client.force_login(account_manager)
    page = client.get(reverse("notifications:list"))
    assert "Tarjous lähetetty: Uusi liidi" in page.content.decode() and "Ei sinun" not in page.content.decode()
    assert client.post(reverse("notifications:open", args=[theirs.pk])).status_code == 404
    response = client.post(reverse("notifications:open", args=[mine.pk]))
    assert response.url == "/leads/" and unread_count(account_manager) == 0
    notify(recipient=account_manager, code="leads.offer_sent", params={"title": "Toinen"})
    client.post(reverse("notifications:read_all"))
    assert unread_count(account_manager) == 0
