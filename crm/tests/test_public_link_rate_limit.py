"""Resolving is rate-limited per client address, and the address is the one our proxies vouch for."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from freezegun import freeze_time

from crm.preferences import unsubscribe_link
from crm.tests.factories import ContactFactory
from kumppani.web.client import client_address
from links.services import link_token_issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def url():
    contact = ContactFactory()
    return reverse("unsubscribe", args=[link_token_issue(unsubscribe_link(contact, "surveys"))])


@pytest.fixture(autouse=True)
def _limit(settings):
    settings.PUBLIC_LINK_RATE_LIMIT_PER_MINUTE = 3


def test_an_address_gets_the_limit_of_tries_a_minute_then_429_good_token_or_not(client, url):
    with freeze_time("2026-12-01 10:00:05"):
        assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
        assert client.get("/unsubscribe/guess/").status_code == 429
        response = client.get(url)
    assert response.status_code == 429
    assert "Odota hetki" in response.content.decode()
    with freeze_time("2026-12-01 10:01:00"):  # the next minute
        assert client.get(url).status_code == 200


def test_guesses_count_too(client, url):
    with freeze_time("2026-12-01 10:00:05"):
        assert [client.get("/unsubscribe/guess/").status_code for _ in range(3)] == [404, 404, 404]
        assert client.get(url).status_code == 429


def test_without_trusted_proxies_a_forwarded_for_header_changes_nothing(client, url, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    with freeze_time("2026-12-01 10:00:05"):
        answers = [client.get(url, headers={"X-Forwarded-For": f"10.0.0.{i}"}).status_code for i in range(4)]
    assert answers == [200, 200, 200, 429]


def test_behind_a_trusted_proxy_each_client_address_has_its_own_limit(client, url, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    with freeze_time("2026-12-01 10:00:05"):
        for _ in range(3):
            assert client.get(url, headers={"X-Forwarded-For": "203.0.113.7"}).status_code == 200
        # Whatever the client puts before the proxy's entry is not believed
        assert client.get(url, headers={"X-Forwarded-For": "10.9.9.9, 203.0.113.7"}).status_code == 429
        assert client.get(url, headers={"X-Forwarded-For": "198.51.100.2"}).status_code == 200


@pytest.mark.parametrize(
    ("trusted", "forwarded", "expected"),
    [
        (0, "", "192.0.2.1"),
        (0, "203.0.113.7", "192.0.2.1"),
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "10.0.0.1, 203.0.113.7", "203.0.113.7"),
        (2, "10.0.0.1, 203.0.113.7, 192.0.2.50", "203.0.113.7"),
        (2, "203.0.113.7", "192.0.2.1"),  # fewer entries than proxies: it did not come through them all
        (1, "", "192.0.2.1"),
    ],
)
def test_client_address(settings, trusted, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = trusted
    meta = {"REMOTE_ADDR": "192.0.2.1"}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_address(RequestFactory().get("/", **meta)) == expected
