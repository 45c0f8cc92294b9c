"""`manage.py messages_to_codes` on rows written the old way: translated text in the writer's language."""

import datetime
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from accounts.messages import LEGACY
from accounts.notifications import Notification
from accounts.tests.factories import UserFactory
from accounts.tests.languages import in_languages
from care_plans.models import AfterCareModel, CarePlan, FollowUp
from care_plans.tests.factories import CarePlanFactory
from crm.models import AccountTeamAssignment, Delivery, Interaction, TimelineEntry
from crm.tests.factories import DeliveryFactory, InteractionFactory, OrganisationFactory
from kumppani import messages_conversion
from leads.models import Lead, LeadEvent
from leads.tests.factories import LeadFactory

pytestmark = pytest.mark.django_db


def old(language: str, msgid: str, **params) -> str:
    """What the old code stored: the sentence translated into the writer's language, parameters filled in."""
    with translation.override(language):
        text = gettext(msgid)
        return text % params if params else text


def label(language: str, lazy) -> str:
    with translation.override(language):
        return str(lazy)


def old_entry(organisation, kind: str, summary: str, *, source=None, url: str = "") -> TimelineEntry:
    return TimelineEntry.objects.create(
        organisation=organisation,
        kind=kind,
        summary=summary,
        occurred_at=datetime.datetime(2025, 3, 3, 9, tzinfo=datetime.UTC),
        source_type=ContentType.objects.get_for_model(source) if source is not None else None,
        source_id=source.pk if source is not None else None,
        url=url or (source.get_absolute_url() if source is not None and hasattr(source, "get_absolute_url") else ""),
    )


def run(*args: str) -> str:
    out = StringIO()
    call_command("messages_to_codes", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Rakennus Oy")


@pytest.fixture
def teacher():
    return UserFactory(first_name="Olli", last_name="Opettaja")


def test_timeline_entries_are_read_back_from_their_sources(organisation):
    interaction = InteractionFactory(organisation=organisation, kind="call", subject="Koulutustarpeet")
    delivery = DeliveryFactory(organisation=organisation, title="Työturvallisuus", status="in_progress")
    plan = CarePlanFactory(organisation=organisation, status=CarePlan.Status.CLOSED)
    status_sv = label("sv", Delivery.Status.IN_PROGRESS.label).lower()
    entries = {
        "call": old_entry(
            organisation, "call", f"{label('fi', Interaction.Kind.CALL.label)}: Koulutustarpeet", source=interaction
        ),
        # A Swedish writer, years ago.
        "delivery": old_entry(
            organisation, "delivery", f"{delivery.service_type.name_sv}: Työturvallisuus ({status_sv})", source=delivery
        ),
        "completed": old_entry(
            organisation,
            "delivery",
            old("fi", "Delivery completed: %(title)s", title="Työturvallisuus"),
            url=delivery.get_absolute_url(),
        ),
        # The plan has been closed since: the entry keeps the status it was given then.
        "plan": old_entry(
            organisation,
            "care_plan",
            old("fi", "Care plan is now %(status)s", status=label("fi", CarePlan.Status.ACTIVE.label).lower()),
            url=plan.get_absolute_url(),
        ),
        "team": old_entry(
            organisation, "account_team", f"{label('fi', AccountTeamAssignment.Role.MANAGER.label)}: Anna Asiakas"
        ),
        "archived": old_entry(organisation, "register", old("en", "Customer archived")),
    }
    run()

    rendered = {name: in_languages(TimelineEntry.objects.get(pk=entry.pk)) for name, entry in entries.items()}
    service = delivery.service_type
    assert rendered == {
        "call": {"fi": "Puhelu: Koulutustarpeet", "en": "Call: Koulutustarpeet", "sv": "Samtal: Koulutustarpeet"},
        "delivery": {
            "fi": f"{service.name_fi}: Työturvallisuus (käynnissä)",
            "en": f"{service.name_en}: Työturvallisuus (in progress)",
            "sv": f"{service.name_sv}: Työturvallisuus (pågår)",
        },
        "completed": {
            "fi": "Palvelu toimitettu: Työturvallisuus",
            "en": "Delivery completed: Työturvallisuus",
            "sv": "Leverans slutförd: Työturvallisuus",
        },
        "plan": {
            "fi": "Asiakkuudenhoitosuunnitelman uusi tila: aktiivinen",
            "en": "Care plan is now active",
            "sv": "Kundvårdsplanens nya status: aktiv",
        },
        "team": {
            "fi": "Asiakkuuspäällikkö: Anna Asiakas",
            "en": "Account manager: Anna Asiakas",
            "sv": "Kundansvarig: Anna Asiakas",
        },
        "archived": {"fi": "Asiakas arkistoitiin", "en": "Customer archived", "sv": "Kunden arkiverades"},
    }
    plan_entry = TimelineEntry.objects.get(pk=entries["plan"].pk)
    assert plan_entry.message_code == "care_plans.plan_status"
    assert plan_entry.message_params["status"]["value"] == "active"
    assert TimelineEntry.objects.get(pk=entries["team"].pk).message_params["user"] == {
        "user": None,
        "name": "Anna Asiakas",
    }


def test_after_care_titles_dates_and_leads_come_back_in_every_language(organisation, teacher):
    model = AfterCareModel.objects.get(is_default=True)
    step = model.steps.order_by("order").first()
    delivery = DeliveryFactory(organisation=organisation, title="Hygieniapassi")
    follow_up = FollowUp.objects.create(
        organisation=organisation,
        delivery=delivery,
        step=step,
        title=f"{step.title_fi}: Hygieniapassi",
        owner=UserFactory(),
        due_date=datetime.date(2026, 5, 4),
    )
    due = old("fi", "Follow-up due %(date)s: %(title)s", date="04.05.2026", title=follow_up.title)
    due_entry = old_entry(organisation, "follow_up", due, source=follow_up)
    lead = LeadFactory(organisation=organisation, passed_by=teacher)
    need_fi = label("fi", lead.get_need_display())
    passed = old("fi", "%(need)s, passed by %(teacher)s", need=need_fi, teacher=teacher)
    event = LeadEvent.objects.create(lead=lead, state=lead.state, summary=passed)
    lead_entry = old_entry(organisation, "lead", f"{old('fi', 'Lead')}: {passed}", url=lead.get_absolute_url())
    notice = Notification.objects.create(
        recipient=UserFactory(),
        text=old("fi", "New lead for you: %(lead)s", lead=f"Rakennus Oy: {need_fi}"),
        url=lead.get_absolute_url(),
    )
    reminder = Notification.objects.create(
        recipient=follow_up.owner,
        text=old(
            "sv",
            "%(kind)s due %(date)s: %(what)s",
            kind=old("sv", "Follow-up"),
            date="04.05.2026",
            what=follow_up.title,
        ),
        url=follow_up.get_absolute_url(),
    )
    run("--batch-size", "2")

    follow_up.refresh_from_db()
    assert in_languages(follow_up, "display_title") == {
        "fi": "Henkilökohtainen yhteydenotto palvelun päätyttyä: Hygieniapassi",
        "en": "A personal contact after the service has ended: Hygieniapassi",
        "sv": "En personlig kontakt efter att tjänsten har avslutats: Hygieniapassi",
    }
    assert in_languages(TimelineEntry.objects.get(pk=due_entry.pk)) == {
        "fi": "Jatkoyhteydenotto viimeistään 4.5.2026: Henkilökohtainen yhteydenotto palvelun päätyttyä: Hygieniapassi",
        "en": "Follow-up due 4 May 2026: A personal contact after the service has ended: Hygieniapassi",
        "sv": "Uppföljning senast 2026-05-04: En personlig kontakt efter att tjänsten har avslutats: Hygieniapassi",
    }
    event.refresh_from_db()
    assert (event.code, event.params["teacher"]) == ("leads.passed", {"user": teacher.pk, "name": "Olli Opettaja"})
    assert in_languages(event) == {
        "fi": "Henkilöstökoulutus, välittäjä Olli Opettaja",
        "en": "Staff training, passed by Olli Opettaja",
        "sv": "Personalutbildning, förmedlat av Olli Opettaja",
    }
    assert (
        in_languages(TimelineEntry.objects.get(pk=lead_entry.pk))["en"]
        == "Lead: Staff training, passed by Olli Opettaja"
    )
    assert in_languages(Notification.objects.get(pk=notice.pk)) == {
        "fi": "Uusi liidi sinulle: Rakennus Oy: Henkilöstökoulutus",
        "en": "New lead for you: Rakennus Oy: Staff training",
        "sv": "Nytt tips till dig: Rakennus Oy: Personalutbildning",
    }
    assert in_languages(Notification.objects.get(pk=reminder.pk))["en"] == (
        "Follow-up due 4 May 2026: A personal contact after the service has ended: Hygieniapassi"
    )


def test_a_changed_account_manager_follow_up_keeps_both_names(organisation):
    old_title = old(
        "fi",
        "Tell the customer that %(new)s is now their account manager (was %(old)s)",
        new="Ville Vaihtaja",
        old="Anna Asiakas",
    )
    follow_up = FollowUp.objects.create(
        organisation=organisation,
        kind=FollowUp.Kind.MANAGER_CHANGE,
        title=old_title,
        owner=UserFactory(),
        due_date=datetime.date(2026, 5, 4),
    )
    run()
    follow_up.refresh_from_db()
    assert follow_up.title_code == "care_plans.manager_change_title"
    assert in_languages(follow_up, "display_title")["en"] == (
        "Tell the customer that Ville Vaihtaja is now their account manager (was Anna Asiakas)"
    )


def test_rows_that_cannot_be_read_back_keep_their_text_marked_finnish(client, organisation):
    interaction = InteractionFactory(organisation=organisation, subject="Poistettu")
    gone = old_entry(organisation, "meeting", "Tapaaminen: Poistettu", source=interaction)
    interaction.delete()
    unknown = old_entry(organisation, "register", "Asiakkaan tiedot tarkistettiin puhelimessa")
    stray = Notification.objects.create(recipient=UserFactory(), text="Vanha ilmoitus", url="/leads/999999/")
    run()

    for row, text in ((gone, "Tapaaminen: Poistettu"), (unknown, "Asiakkaan tiedot tarkistettiin puhelimessa")):
        row.refresh_from_db()
        assert (row.message_code, row.summary) == (LEGACY, text)
        assert set(in_languages(row).values()) == {text}
        assert row.rendered_html == f'<span lang="fi">{text}</span>'
    stray.refresh_from_db()
    assert (stray.code, stray.rendered) == (LEGACY, "Vanha ilmoitus")

    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("crm:organisation_detail", args=[organisation.pk])).content.decode()
    assert '<span lang="fi">Asiakkaan tiedot tarkistettiin puhelimessa</span>' in page


def test_an_interrupted_run_resumes_where_it_stopped(organisation, monkeypatch):
    entries = [old_entry(organisation, "register", old("fi", "Customer archived")) for _ in range(5)]
    real = messages_conversion.convert_row
    seen = []

    def dies_on_the_fourth(table, row, *args):
        seen.append(row.pk)
        if len(seen) == 4:
            raise RuntimeError("worker killed")
        return real(table, row, *args)

    monkeypatch.setattr(messages_conversion, "convert_row", dies_on_the_fourth)
    timeline = next(t for t in messages_conversion.TABLES if t.model is TimelineEntry)
    with pytest.raises(RuntimeError):
        messages_conversion.convert_table(timeline, batch_size=2, report=lambda line: None)
    # The first batch committed; the second rolled back with the failure.
    assert [TimelineEntry.objects.get(pk=e.pk).message_code for e in entries] == [
        "crm.organisation_archived",
        "crm.organisation_archived",
        "",
        "",
        "",
    ]
    monkeypatch.setattr(messages_conversion, "convert_row", real)
    assert messages_conversion.convert_table(timeline, batch_size=2, report=lambda line: None) == {"coded": 3}
    assert messages_conversion.convert_table(timeline, batch_size=2, report=lambda line: None) == {}
    assert "timeline entries: 0 got a code, 0 are kept as written (legacy)." in run()


def test_rows_written_with_codes_are_left_alone(organisation, teacher):
    lead = LeadFactory(organisation=organisation, passed_by=teacher)
    from leads.services.events import record_event

    event = record_event(lead, actor=teacher, code="leads.contacted")
    before = list(TimelineEntry.objects.values_list("pk", "message_code", "message_params"))
    output = run()
    assert list(TimelineEntry.objects.values_list("pk", "message_code", "message_params")) == before
    event.refresh_from_db()
    assert event.code == "leads.contacted"
    assert "lead events: 0 got a code" in output
    assert Lead.objects.count() == 1
