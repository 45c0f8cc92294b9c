"""Contact persons' GDPR tools: export everything held about a person, erase them by anonymising (admins)."""

import json

import pytest
from django.urls import reverse

from accounts.tests.languages import in_languages
from crm import services
from crm.models import Contact, ContactPreference, TimelineEntry
from crm.preferences import contact_is_reachable
from crm.tests.factories import InteractionFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

PERSON = {
    "first_name": "Maija",
    "last_name": "Mehiläinen",
    "email": "maija.mehilainen@konepaja.fi",
    "phone": "040 123 4567",
}


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Konepaja Oy")


@pytest.fixture
def contact(organisation, account_manager):
    """A person added and then edited through the services, so history and the timeline hold their data."""
    person = services.contact_save(
        contact=Contact(organisation=organisation, title="Henkilöstöpäällikkö", work_role="HR", **PERSON),
        actor=account_manager,
    )
    person.phone = "050 765 4321"
    services.contact_save(contact=person, actor=account_manager)
    return person


@pytest.fixture
def interaction(organisation, contact):
    meeting = InteractionFactory(organisation=organisation, subject="Oppisopimuspaikat")
    meeting.contacts.add(contact)
    return meeting


def test_export_returns_the_persons_data_as_a_json_download(client, account_manager, contact, interaction):
    client.force_login(account_manager)
    response = client.get(reverse("crm:contact_export", args=[contact.pk]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"] == f'attachment; filename="contact-{contact.pk}.json"'
    data = json.loads(response.content.decode("utf-8"))
    assert data["name"] == "Maija Mehiläinen"
    assert (data["first_name"], data["last_name"], data["email"]) == ("Maija", "Mehiläinen", PERSON["email"])
    assert data["phone"] == "050 765 4321"
    assert data["organisation"] == "Konepaja Oy"
    assert data["title"] == "Henkilöstöpäällikkö"
    assert [i["subject"] for i in data["interactions"]] == ["Oppisopimuspaikat"]
    assert len(data["history"]) == 2  # created, then changed


def test_export_keeps_non_ascii_characters_readable(client, account_manager, contact):
    client.force_login(account_manager)
    body = client.get(reverse("crm:contact_export", args=[contact.pk])).content.decode("utf-8")
    assert "Mehiläinen" in body


def test_anonymise_erases_name_email_and_phone(client, admin, contact):
    client.force_login(admin)
    response = client.post(reverse("crm:contact_anonymise", args=[contact.pk]))

    assert response.status_code == 302
    assert response["Location"] == contact.organisation.get_absolute_url()
    contact.refresh_from_db()
    assert contact.anonymised_at is not None
    assert "Maija" not in contact.full_name and "Mehiläinen" not in contact.full_name
    assert (contact.email, contact.phone, contact.title, contact.work_role) == ("", "", "", "")
    assert not contact.is_active
    for kind in ContactPreference.Kind.values:
        assert not contact_is_reachable(contact, kind)


def test_anonymise_erases_the_person_from_every_history_row(client, admin, contact):
    assert contact.history.count() == 2
    client.force_login(admin)
    client.post(reverse("crm:contact_anonymise", args=[contact.pk]))

    rows = list(contact.history.values("first_name", "last_name", "email", "phone", "title", "work_role"))
    assert len(rows) == 3
    for row in rows:
        text = " ".join(row.values())
        for value in (*PERSON.values(), "050 765 4321", "Henkilöstöpäällikkö"):
            assert value not in text, row


def test_anonymise_keeps_the_interactions_linked(client, admin, contact, interaction):
    client.force_login(admin)
    client.post(reverse("crm:contact_anonymise", args=[contact.pk]))

    assert list(interaction.contacts.all()) == [contact]
    assert Contact.objects.filter(pk=contact.pk).exists()


def _timeline_mentioning(text: str) -> list[TimelineEntry]:
    """Entries whose stored message, rendered in any language, or whose stored text names `text`."""
    return [
        entry
        for entry in TimelineEntry.objects.all()
        if text in json.dumps(entry.message_params, ensure_ascii=False)
        or text in entry.summary
        or text in entry.detail
        or any(text in rendered for rendered in in_languages(entry).values())
    ]


def test_anonymise_erases_the_name_from_the_timeline(client, admin, contact):
    assert _timeline_mentioning("Mehiläinen")
    client.force_login(admin)
    client.post(reverse("crm:contact_anonymise", args=[contact.pk]))

    assert _timeline_mentioning("Mehiläinen") == []


def test_anonymise_writes_a_timeline_entry_without_the_name(client, admin, contact):
    client.force_login(admin)
    client.post(reverse("crm:contact_anonymise", args=[contact.pk]))
    entry = TimelineEntry.objects.filter(organisation=contact.organisation).order_by("-id").first()
    assert entry.kind == "contact"
    assert entry.actor == admin
    assert in_languages(entry) == {
        "fi": "Yhteyshenkilön tiedot anonymisoitiin",
        "en": "A contact person was anonymised",
        "sv": "En kontaktpersons uppgifter anonymiserades",
    }


def test_anonymised_contact_can_no_longer_be_edited_or_anonymised_again(client, admin, contact):
    client.force_login(admin)
    client.post(reverse("crm:contact_anonymise", args=[contact.pk]))

    assert client.get(reverse("crm:contact_edit", args=[contact.pk])).status_code == 404
    assert client.post(reverse("crm:contact_edit", args=[contact.pk]), {"first_name": "Maija"}).status_code == 404
    assert client.post(reverse("crm:contact_anonymise", args=[contact.pk])).status_code == 404


def test_anonymised_contact_is_gone_from_the_organisation_page(client, admin, contact):
    client.force_login(admin)
    client.post(reverse("crm:contact_anonymise", args=[contact.pk]))
    response = client.get(contact.organisation.get_absolute_url())
    assert response.status_code == 200
    assert contact not in list(response.context["contacts"])
    assert PERSON["email"] not in response.content.decode()


def test_export_after_anonymising_holds_nothing_personal(client, admin, contact):
    client.force_login(admin)
    client.post(reverse("crm:contact_anonymise", args=[contact.pk]))
    body = client.get(reverse("crm:contact_export", args=[contact.pk])).content.decode("utf-8")
    for value in (*PERSON.values(), "050 765 4321"):
        assert value not in body


def test_management_may_neither_export_nor_anonymise(client, management, contact):
    client.force_login(management)
    assert client.get(reverse("crm:contact_export", args=[contact.pk])).status_code == 403
    assert client.post(reverse("crm:contact_anonymise", args=[contact.pk])).status_code == 403
    contact.refresh_from_db()
    assert contact.anonymised_at is None


def test_account_managers_may_export_but_not_erase(client, account_manager, contact):
    """The erasure review lists text from every customer, so only admins erase (crm.views.privacy)."""
    client.force_login(account_manager)
    assert client.get(reverse("crm:contact_export", args=[contact.pk])).status_code == 200
    assert client.get(reverse("crm:contact_erase", args=[contact.pk])).status_code == 403
    assert client.post(reverse("crm:contact_anonymise", args=[contact.pk])).status_code == 403
    contact.refresh_from_db()
    assert contact.anonymised_at is None
