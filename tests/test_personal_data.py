"""Erasing a contact person reaches every place their data was copied to or typed into, after the admin's review.

Across apps (crm, leads, the outbox), so it lives with the project's tests rather than in one app.
"""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from crm import services
from crm.erasure import contact_hits, contact_subject
from crm.models import Contact, ContactErasure, Interaction, RegisterSettings, RetentionDecision, TimelineEntry
from crm.retention import inactive_contacts
from crm.tests.factories import ContactFactory, InteractionFactory, OrganisationFactory
from kumppani.privacy import Subject, patterns, phone_digits
from leads.models import Lead
from leads.tests.factories import LeadFactory
from outbox.models import OutgoingEmail

pytestmark = pytest.mark.django_db

EMAIL = "maija.mehilainen@konepaja.fi"


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Konepaja Oy")


@pytest.fixture
def contact(organisation, account_manager):
    person = services.contact_save(
        contact=Contact(
            organisation=organisation, first_name="Maija", last_name="Mehiläinen", email=EMAIL, phone="040 123 4567"
        ),
        actor=account_manager,
    )
    return person


@pytest.fixture
def copies(organisation, contact, account_manager):
    """The person's data copied by people and by the system into other apps' rows."""
    meeting = services.interaction_save(
        interaction=Interaction(
            organisation=organisation,
            kind=Interaction.Kind.CALL,
            subject="Soitto Maija Mehiläiselle",  # an inflected name is not the full name: not found
            notes="Mehiläinen Maija lupasi vastata. Numero +358 40 123 4567, sähköposti MAIJA.MEHILAINEN@konepaja.fi",
            occurred_at=timezone.now(),
        ),
        actor=account_manager,
        contacts=[contact],
    )
    lead = LeadFactory(
        organisation=organisation, contact_name="Maija Mehiläinen", contact_details="040-1234567", description="Tarve"
    )
    lead.description = "Maija Mehiläinen kysyi oppisopimuksesta."
    lead.save()  # a second history row with the name
    mail = OutgoingEmail.objects.create(
        to=EMAIL, language="fi", template="emails/crm/test", context={"contact": contact.pk, "name": "Maija Mehiläinen"}
    )
    namesake_note = InteractionFactory(subject="Toinen Maija Mehiläinen, eri yritys")
    return {"interaction": meeting, "lead": lead, "mail": mail, "namesake": namesake_note}


def _keys(hits) -> set[str]:
    return {hit.key for hit in hits}


def test_phone_is_matched_by_its_digits_with_any_prefix_and_separators():
    assert phone_digits("+358 40 123 4567") == phone_digits("040-123 4567") == phone_digits("00358401234567")
    pattern = patterns(Subject(pk=1, phones=("040 123 4567",)))["phone"]
    import re

    for written in ("+358 40 123 4567", "040-1234567", "(040) 123 45 67", "358401234567"):
        assert re.search(pattern, f"soita {written} huomenna"), written
    assert not re.search(pattern, "0401234567890")  # a longer number is another number


def test_subject_holds_every_value_the_history_holds(contact, account_manager):
    contact.phone = "050 765 4321"
    services.contact_save(contact=contact, actor=account_manager)
    subject = contact_subject(contact)
    assert set(subject.phones) == {"040 123 4567", "050 765 4321"}
    assert subject.names == (("Maija", "Mehiläinen"),)


def test_search_finds_every_copy_history_rows_included(contact, copies):
    hits = contact_hits(contact)
    keys = _keys(hits)
    interaction, lead, mail = copies["interaction"], copies["lead"], copies["mail"]
    assert f"crm.Interaction:{interaction.pk}:notes" in keys
    assert f"crm.Interaction:{interaction.pk}:subject" not in keys
    timeline = TimelineEntry.objects.get(source_id=interaction.pk, kind=Interaction.Kind.CALL)
    assert f"crm.TimelineEntry:{timeline.pk}:detail" in keys
    assert f"leads.Lead:{lead.pk}:contact_name" in keys
    assert f"leads.Lead:{lead.pk}:contact_details" in keys  # the phone, written 040-1234567
    assert f"leads.Lead:{lead.pk}:description" in keys
    lead_history = [hit for hit in hits if hit.entry.label == "leads.HistoricalLead"]
    assert {hit.field for hit in lead_history} == {"contact_name", "contact_details", "description"}
    assert len({hit.pk for hit in lead_history}) == 2
    assert {f"outbox.OutgoingEmail:{mail.pk}:to", f"outbox.OutgoingEmail:{mail.pk}:context"} <= keys
    # The contact's own row and history are erased whole, not listed.
    assert not [hit for hit in hits if hit.entry.label in {"crm.Contact", "crm.HistoricalContact"}]


def test_the_review_shows_every_hit_before_anything_is_replaced(client, admin, contact, copies):
    client.force_login(admin)
    response = client.get(reverse("crm:contact_erase", args=[contact.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "<mark>Mehiläinen Maija</mark>" in body
    assert "<mark>+358 40 123 4567</mark>" in body
    rows = {row["hit"].key: row for row in response.context["rows"]}
    assert rows[f"crm.Interaction:{copies['interaction'].pk}:notes"]["proposed"]
    # A name alone in a row about someone else may be a namesake's: not ticked in advance.
    assert not rows[f"crm.Interaction:{copies['namesake'].pk}:subject"]["proposed"]
    copies["interaction"].refresh_from_db()
    assert "Mehiläinen Maija" in copies["interaction"].notes  # nothing was replaced by looking


def test_erasure_replaces_the_confirmed_hits_and_leaves_the_others(client, admin, contact, copies):
    client.force_login(admin)
    review = client.get(reverse("crm:contact_erase", args=[contact.pk]))
    namesake_key = f"crm.Interaction:{copies['namesake'].pk}:subject"
    confirmed = [row["hit"].key for row in review.context["rows"] if row["hit"].key != namesake_key]
    response = client.post(reverse("crm:contact_anonymise", args=[contact.pk]), {"confirmed": confirmed})
    assert response.status_code == 302

    interaction, lead, mail = copies["interaction"], copies["lead"], copies["mail"]
    interaction.refresh_from_db()
    assert "Mehiläinen" not in interaction.notes and "123 4567" not in interaction.notes
    assert "konepaja.fi" not in interaction.notes.lower()
    assert "[poistettu]" in interaction.notes  # the placeholder, in the admin's language (Finnish)
    timeline = TimelineEntry.objects.get(source_id=interaction.pk, kind=Interaction.Kind.CALL)
    assert "Mehiläinen" not in timeline.detail
    lead.refresh_from_db()
    assert "Mehiläinen" not in lead.contact_name + lead.description and "4567" not in lead.contact_details
    for row in Lead.history.filter(id=lead.pk).values("contact_name", "contact_details", "description"):
        assert "Mehiläinen" not in json.dumps(row, ensure_ascii=False), row
    mail.refresh_from_db()
    assert EMAIL not in mail.to and "Mehiläinen" not in json.dumps(mail.context, ensure_ascii=False)
    assert mail.context["contact"] == contact.pk  # the structure stays
    # Not confirmed: stays as it was.
    copies["namesake"].refresh_from_db()
    assert copies["namesake"].subject == "Toinen Maija Mehiläinen, eri yritys"

    erasure = ContactErasure.objects.get(contact=contact)
    assert erasure.erased_by == admin
    assert erasure.fields_replaced == len(confirmed) and erasure.replacements >= len(confirmed)
    assert erasure.hits_found == len(confirmed) + 1
    contact.refresh_from_db()
    assert contact.anonymised_at is not None and "Mehiläinen" not in contact.full_name
    # Searching again for what the person was finds only the namesake's row.
    again = contact_hits(contact, contact_subject_before(contact))
    assert _keys(again) == {namesake_key}


def contact_subject_before(contact) -> Subject:
    return Subject(pk=contact.pk, names=(("Maija", "Mehiläinen"),), emails=(EMAIL,), phones=("040 123 4567",))


def test_erasing_nothing_confirmed_still_erases_the_contact(client, admin, contact, copies):
    client.force_login(admin)
    client.post(reverse("crm:contact_anonymise", args=[contact.pk]))
    copies["interaction"].refresh_from_db()
    assert "Mehiläinen Maija" in copies["interaction"].notes
    contact.refresh_from_db()
    assert contact.email == "" and not contact.history.filter(last_name="Mehiläinen").exists()


def test_a_posted_key_that_is_no_hit_replaces_nothing(client, admin, contact, copies):
    client.force_login(admin)
    other = InteractionFactory(notes="Ei mainintaa")
    client.post(
        reverse("crm:contact_anonymise", args=[contact.pk]), {"confirmed": [f"crm.Interaction:{other.pk}:notes"]}
    )
    other.refresh_from_db()
    assert other.notes == "Ei mainintaa"
    assert ContactErasure.objects.get(contact=contact).fields_replaced == 0


def test_the_admin_action_replaces_what_the_review_proposes(admin_client, contact, copies):
    admin_client.post(
        reverse("admin:crm_contact_changelist"), {"action": "anonymise_selected", "_selected_action": [contact.pk]}
    )
    copies["interaction"].refresh_from_db()
    copies["namesake"].refresh_from_db()
    assert "Mehiläinen" not in copies["interaction"].notes
    assert "Mehiläinen" in copies["namesake"].subject


def test_the_admin_change_page_links_to_the_review(admin_client, contact):
    response = admin_client.get(reverse("admin:crm_contact_change", args=[contact.pk]))
    assert reverse("crm:contact_erase", args=[contact.pk]) in response.content.decode()


def test_export_includes_every_place_the_person_is_found(client, account_manager, contact, copies):
    client.force_login(account_manager)
    data = json.loads(client.get(reverse("crm:contact_export", args=[contact.pk])).content.decode("utf-8"))
    places = {(place["model"], place["record"], place["field"]) for place in data["found_in"]}
    assert ("crm.Interaction", copies["interaction"].pk, "notes") in places
    assert ("leads.Lead", copies["lead"].pk, "contact_name") in places
    assert ("leads.HistoricalLead", copies["lead"].pk, "description") in places
    assert ("outbox.OutgoingEmail", copies["mail"].pk, "context") in places
    notes = next(p for p in data["found_in"] if p["model"] == "crm.Interaction" and p["field"] == "notes")
    assert "Mehiläinen Maija" in notes["text"]


# --- retention review -------------------------------------------------------------------------------------


def _aged(contact, years: int) -> Contact:
    then = timezone.now() - datetime.timedelta(days=365 * years + 2)
    Contact.objects.filter(pk=contact.pk).update(created_at=then)
    contact.history.update(history_date=then)
    return contact


def test_retention_lists_contacts_without_activity_for_the_set_years(organisation):
    old = _aged(ContactFactory(organisation=organisation, email="vanha@konepaja.fi"), 4)
    recent = _aged(ContactFactory(organisation=organisation), 2)
    met = _aged(ContactFactory(organisation=organisation), 4)
    InteractionFactory(
        organisation=organisation, occurred_at=timezone.now() - datetime.timedelta(days=30)
    ).contacts.add(met)
    mailed = _aged(ContactFactory(organisation=organisation, email="posti@konepaja.fi"), 4)
    OutgoingEmail.objects.create(to="POSTI@konepaja.fi", language="fi", template="emails/crm/test")
    assert list(inactive_contacts()) == [old]

    settings = RegisterSettings.load()
    settings.retention_years = 1
    settings.save()
    assert set(inactive_contacts()) == {old, recent}
    assert mailed not in inactive_contacts()


def test_retention_default_is_three_years():
    assert RegisterSettings.load().retention_years == 3


def test_retention_page_lists_and_a_kept_contact_is_not_listed_for_a_year(client, admin, organisation):
    old = _aged(ContactFactory(organisation=organisation, first_name="Vanha", last_name="Valtteri"), 4)
    client.force_login(admin)
    response = client.get(reverse("crm:retention_review"))
    assert response.status_code == 200
    assert "Vanha Valtteri" in response.content.decode()
    shown = response.context["page"].object_list[0]
    assert shown.last_activity.date() == old.history.latest().history_date.date()
    assert reverse("crm:contact_erase", args=[old.pk]) in response.content.decode()
    assert client.get(reverse("crm:retention_review"), {"q": "Konepaja"}).context["page"].paginator.count == 1
    assert client.get(reverse("crm:retention_review"), {"q": "Muu Oy"}).context["page"].paginator.count == 0

    response = client.post(reverse("crm:retention_keep", args=[old.pk]), {"reason": "Sopimus voimassa 2027 asti"})
    assert response.status_code == 302
    decision = RetentionDecision.objects.get(contact=old)
    assert decision.decided_by == admin and decision.reason == "Sopimus voimassa 2027 asti"
    assert decision.keep_until == timezone.localdate() + datetime.timedelta(days=365)
    assert old not in inactive_contacts()
    later = timezone.now() + datetime.timedelta(days=366)
    assert old in inactive_contacts(later)


def test_keeping_needs_a_reason(client, admin, organisation):
    old = _aged(ContactFactory(organisation=organisation), 4)
    client.force_login(admin)
    client.post(reverse("crm:retention_keep", args=[old.pk]), {"reason": " "})
    assert not RetentionDecision.objects.exists()
    assert old in inactive_contacts()
