"""The unsubscribe page: no login, GET asks, a POST (the button or a mail client's one-click) records the refusal."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time

from crm.models import ContactPreference
from crm.preferences import unsubscribe_link
from crm.tests.factories import ContactFactory, ContactPreferenceFactory
from links.services import link_create, link_revoke, link_token_issue

pytestmark = pytest.mark.django_db
Kind = ContactPreference.Kind


@pytest.fixture
def contact():
    contact = ContactFactory(language="fi")
    ContactPreferenceFactory(contact=contact, kind=Kind.NEWSLETTERS_AND_CAMPAIGNS, status="consented")
    return contact


def _url(contact, kind=Kind.NEWSLETTERS_AND_CAMPAIGNS) -> str:
    return reverse("unsubscribe", args=[link_token_issue(unsubscribe_link(contact, kind))])


def test_get_asks_for_confirmation_and_changes_nothing(client, contact):
    url = _url(contact)
    response = client.get(url)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Uutiskirjeet ja kampanjat" in page and f'action="{url}"' in page and "<button" in page
    assert contact.preferences.get().status == "consented"


@freeze_time("2026-12-01 12:00")
def test_the_button_records_the_refusal_with_todays_date_and_says_so(client, contact):
    response = client.post(_url(contact))

    assert response.status_code == 200
    assert "Peruutit tilauksen" in response.content.decode()
    preference = contact.preferences.get()
    assert (preference.status, preference.source, preference.date) == (
        "refused",
        "unsubscribe_link",
        datetime.date(2026, 12, 1),
    )
    assert preference.history.count() == 2  # consented, then refused


@freeze_time("2026-12-01 12:00")
def test_a_mail_clients_one_click_post_works_without_a_session_or_csrf_token(contact):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        _url(contact, Kind.SURVEYS),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    survey = contact.preferences.get(kind=Kind.SURVEYS)  # no decision before: the refusal makes the row
    assert (survey.status, survey.source, survey.date) == ("refused", "unsubscribe_link", datetime.date(2026, 12, 1))
    assert contact.preferences.get(kind=Kind.NEWSLETTERS_AND_CAMPAIGNS).status == "consented"


def test_unsubscribing_twice_is_fine_and_old_tokens_keep_working(client, contact):
    old, new = _url(contact), _url(contact)
    assert client.post(new).status_code == 200
    assert client.post(old).status_code == 200
    assert contact.preferences.get().status == "refused"


def test_the_page_is_in_the_contacts_language(client, contact):
    contact.language = "sv"
    contact.save()
    assert "Nyhetsbrev och kampanjer" in client.get(_url(contact)).content.decode()


@pytest.mark.parametrize("language, sentence", [("fi", "Tarkista"), ("sv", "Kontrollera"), ("en", "Check that")])
def test_an_unknown_token_answers_404_with_a_sentence_in_the_visitors_language(client, language, sentence):
    response = client.get("/unsubscribe/not-a-token/", headers={"Accept-Language": language})
    assert response.status_code == 404
    assert sentence in response.content.decode()


@pytest.mark.parametrize("language, sentence", [("fi", "vanhentunut"), ("sv", "har gått ut"), ("en", "has expired")])
def test_an_expired_or_revoked_link_answers_410_in_the_visitors_language(client, contact, language, sentence):
    with freeze_time("2020-01-01"):
        expired = link_create(purpose="unsubscribe", target=contact, scope="surveys", expires_in=datetime.timedelta(1))
        expired_url = reverse("unsubscribe", args=[link_token_issue(expired)])
    revoked = unsubscribe_link(contact, Kind.SURVEYS)
    revoked_url = reverse("unsubscribe", args=[link_token_issue(revoked)])
    link_revoke(revoked)
    for url in (expired_url, revoked_url):
        for method in (client.get, client.post):
            response = method(url, headers={"Accept-Language": language})
            assert response.status_code == 410
            assert sentence in response.content.decode()
    assert not contact.preferences.filter(kind=Kind.SURVEYS).exists()


def test_a_token_for_another_purpose_does_not_unsubscribe(client, contact):
    survey = link_create(purpose="survey", target=contact, expires_in=datetime.timedelta(days=1))
    assert client.post(reverse("unsubscribe", args=[link_token_issue(survey)])).status_code == 404
    assert contact.preferences.get().status == "consented"
