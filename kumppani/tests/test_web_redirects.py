"""kumppani.web.redirects: a `next` from the request is followed only when it stays on this site."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from kumppani.web.redirects import safe_next_url


@pytest.mark.parametrize(
    "candidate",
    [
        "https://evil.example/",
        "//evil.example/path",
        "/\\evil.example",
        "javascript:alert(1)",
        "http://testserver.evil.example/",
        "ftp://testserver/file",
        "abc",  # not an address; redirect() would take it for a URL name
        "segments:suggestions",
        "customers/",
    ],
)
def test_unsafe_next_urls_are_refused(candidate):
    assert safe_next_url(RequestFactory().get("/"), candidate, "/fallback/") == "/fallback/"


@pytest.mark.parametrize("candidate", ["/segments/suggestions/?page=2", "http://testserver/customers/"])
def test_a_url_on_this_site_is_followed(candidate):
    assert safe_next_url(RequestFactory().get("/"), candidate, "/fallback/") == candidate


@pytest.mark.parametrize("candidate", [None, ""])
def test_no_candidate_gives_the_fallback(candidate):
    assert safe_next_url(RequestFactory().get("/"), candidate, "/fallback/") == "/fallback/"


def test_an_https_page_never_sends_back_to_plain_http():
    request = RequestFactory().get("/", secure=True)
    assert safe_next_url(request, "http://testserver/customers/", "/fallback/") == "/fallback/"
    assert safe_next_url(request, "https://testserver/customers/", "/fallback/") == "https://testserver/customers/"


def test_the_fallback_may_be_a_url_name():
    url = safe_next_url(RequestFactory().get("/"), "https://evil.example/", "segments:suggestions")
    assert url == reverse("segments:suggestions")


@pytest.mark.django_db
def test_a_notification_linking_elsewhere_opens_the_list_instead(client, account_manager):
    from accounts.notifications import notify

    client.force_login(account_manager)
    outside = notify(
        recipient=account_manager, code="leads.offer_sent", params={"title": "Huijaus"}, url="https://evil.example/"
    )
    inside = notify(recipient=account_manager, code="leads.offer_sent", params={"title": "Vinkki"}, url="/leads/")
    assert client.post(reverse("notifications:open", args=[outside.pk]))["Location"] == reverse("notifications:list")
    assert client.post(reverse("notifications:open", args=[inside.pk]))["Location"] == "/leads/"
