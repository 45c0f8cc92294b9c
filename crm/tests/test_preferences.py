"""A contact's communication preferences: who may be sent what, the contact form, and mail with unsubscribe."""

import datetime
from pathlib import Path

import pytest
from django.urls import reverse
from freezegun import freeze_time

from crm.models import Contact, ContactPreference
from crm.preferences import (
    ContactUnreachable,
    contacts_reachable,
    register_contact_mail,
    unsubscribe_link,
)
from crm.tests.factories import ContactFactory, ContactPreferenceFactory, OrganisationFactory
from links.models import PublicLink
from links.services import link_resolve
from outbox import context as outbox_context
from outbox.models import OutgoingEmail
from outbox.services import email_queue, email_send

pytestmark = pytest.mark.django_db
Kind, Status = ContactPreference.Kind, ContactPreference.Status
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
NEWSLETTER = "emails/crm_test/newsletter"


@pytest.fixture
def people():
    """One contact with no decisions, one who consented to everything, one who refused everything."""
    organisation = OrganisationFactory()
    undecided = ContactFactory(organisation=organisation, first_name="Uuno")
    consented = ContactFactory(organisation=organisation, first_name="Kaisa")
    refused = ContactFactory(organisation=organisation, first_name="Risto")
    for kind in Kind.values:
        ContactPreferenceFactory(contact=consented, kind=kind, status=Status.CONSENTED)
        ContactPreferenceFactory(contact=refused, kind=kind, status=Status.REFUSED)
    return undecided, consented, refused


def _reachable(kind) -> set[str]:
    return set(contacts_reachable(Contact.objects.all(), kind).values_list("first_name", flat=True))


def test_surveys_go_to_everyone_who_has_not_refused(people):
    assert _reachable(Kind.SURVEYS) == {"Uuno", "Kaisa"}


@pytest.mark.parametrize("kind", [Kind.NEWSLETTERS_AND_CAMPAIGNS, Kind.EVENT_INVITATIONS])
def test_campaigns_and_invitations_go_only_to_those_who_consented(people, kind):
    assert _reachable(kind) == {"Kaisa"}


def test_no_kind_reaches_an_inactive_or_anonymised_contact_or_one_without_an_address(people):
    _undecided, consented, _refused = people
    for change in (
        {"is_active": False},
        {"email": ""},
        {"anonymised_at": datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)},
    ):
        Contact.objects.filter(pk=consented.pk).update(**change)
        assert "Kaisa" not in _reachable(Kind.NEWSLETTERS_AND_CAMPAIGNS) | _reachable(Kind.SURVEYS)
        Contact.objects.filter(pk=consented.pk).update(is_active=True, email="k@a.fi", anonymised_at=None)


def test_a_preference_is_one_row_per_kind_with_history(people):
    undecided, _c, _r = people
    ContactPreferenceFactory(contact=undecided, kind=Kind.SURVEYS, status=Status.REFUSED)
    with pytest.raises(Exception):  # noqa: B017 - the unique constraint
        ContactPreferenceFactory(contact=undecided, kind=Kind.SURVEYS, status=Status.CONSENTED)


# --- the contact form -----------------------------------------------------------------------------------------


def _form(**extra):
    return {"first_name": "Maija", "last_name": "Mehiläinen", "language": "sv", "is_active": "on", **extra}


def test_an_account_manager_records_decisions_on_the_contact_form(client, account_manager):
    organisation = OrganisationFactory(account_manager=account_manager)
    client.force_login(account_manager)
    data = _form(
        email="maija@a.fi",
        event_invitations_status="consented",
        event_invitations_date="2026-03-02",
        event_invitations_source="account_manager",
    )
    response = client.post(reverse("crm:contact_create", args=[organisation.pk]), data)

    assert response.status_code == 302
    contact = Contact.objects.get(email="maija@a.fi")
    assert contact.language == "sv"
    [preference] = contact.preferences.all()
    assert (preference.kind, preference.status, preference.date, preference.source) == (
        "event_invitations",
        "consented",
        datetime.date(2026, 3, 2),
        "account_manager",
    )

    page = client.get(reverse("crm:contact_edit", args=[contact.pk])).content.decode()
    assert 'name="event_invitations_status"' in page and 'value="2026-03-02"' in page
    data.update(event_invitations_status="refused", event_invitations_date="2026-04-01")
    client.post(reverse("crm:contact_edit", args=[contact.pk]), data)
    preference.refresh_from_db()
    assert (preference.status, preference.date) == ("refused", datetime.date(2026, 4, 1))
    assert preference.history.count() == 2


def test_a_recorded_decision_cannot_be_unrecorded(client, account_manager):
    contact = ContactFactory(organisation=OrganisationFactory(account_manager=account_manager))
    ContactPreferenceFactory(contact=contact, kind=Kind.SURVEYS, status=Status.REFUSED)
    client.force_login(account_manager)
    response = client.post(reverse("crm:contact_edit", args=[contact.pk]), _form(email=contact.email))
    assert response.status_code == 200
    assert "surveys_status" in response.context["form"].errors
    assert contact.preferences.get().status == Status.REFUSED


# --- mail to contacts carries a one-click unsubscribe ---------------------------------------------------------


@pytest.fixture
def newsletter(settings):
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], TEMPLATES_DIR]}, *settings.TEMPLATES[1:]]
    saved = dict(outbox_context._PROVIDERS)
    register_contact_mail(
        NEWSLETTER, kind=Kind.NEWSLETTERS_AND_CAMPAIGNS, provider=lambda stored, contact: {"greeting": "Hei"}
    )
    yield
    outbox_context._PROVIDERS.clear()
    outbox_context._PROVIDERS.update(saved)


def _queue(contact) -> OutgoingEmail:
    return email_queue(to=contact.email, template=NEWSLETTER, context={"contact": contact.pk}, language="fi")


def test_a_contact_mail_carries_the_unsubscribe_link_and_headers_with_a_fresh_token(newsletter, people, mailoutbox):
    _u, consented, _r = people
    first, second = _queue(consented), _queue(consented)
    assert email_send(first.pk) and email_send(second.pk)

    urls = []
    for message in mailoutbox:
        header = message.extra_headers["List-Unsubscribe"]
        assert header.startswith("<http") and header.endswith(">")
        url = header[1:-1]
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert url in message.body and "Hei, Kaisa." in message.body
        urls.append(url)
    assert urls[0] != urls[1]  # a fresh token per mail ...
    tokens = [url.rstrip("/").rsplit("/", 1)[1] for url in urls]
    links = {link_resolve(token=token, purpose="unsubscribe").pk for token in tokens}
    assert links == {unsubscribe_link(consented, Kind.NEWSLETTERS_AND_CAMPAIGNS).pk}  # ... for one invitation
    for row in OutgoingEmail.objects.all():
        assert row.headers == {} and not any(token in str(row.context) for token in tokens)


def test_a_contact_mail_is_not_sent_to_someone_who_refused_after_it_was_queued(newsletter, people, mailoutbox):
    _u, consented, _r = people
    email = _queue(consented)
    ContactPreference.objects.filter(contact=consented, kind=Kind.NEWSLETTERS_AND_CAMPAIGNS).update(status="refused")

    assert email_send(email.pk) is False
    email.refresh_from_db()
    assert email.state == OutgoingEmail.State.FAILED
    assert ContactUnreachable.__name__ in email.last_error
    assert mailoutbox == []


def test_the_unsubscribe_link_is_reused_and_renewed_when_it_has_under_a_year_left(people):
    _u, consented, _r = people
    with freeze_time("2026-01-01"):
        link = unsubscribe_link(consented, Kind.SURVEYS)
        assert link.max_uses is None and link.scope == "surveys"
        assert unsubscribe_link(consented, Kind.SURVEYS) == link
        assert unsubscribe_link(consented, Kind.EVENT_INVITATIONS) != link
    with freeze_time("2027-12-31"):
        assert unsubscribe_link(consented, Kind.SURVEYS) == link
    with freeze_time("2028-01-02"):
        assert unsubscribe_link(consented, Kind.SURVEYS) != link
    assert PublicLink.objects.filter(scope="surveys").count() == 2
