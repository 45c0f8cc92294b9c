"""kumppani.web.htmx: htmx gets the fragment, everything else the whole page."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from kumppani.web.htmx import is_htmx, render_list

PAGE = "<html><h1>Lista</h1>{% include 'part.html' %}</html>"
PART = "<ul>{% for n in numbers %}<li>{{ n }}</li>{% endfor %}</ul>"


@pytest.fixture
def list_templates(settings):
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", {"page.html": PAGE, "part.html": PART})]},
        }
    ]


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({}, False),
        ({"HX-Request": "true"}, True),
        ({"HX-Request": "false"}, False),
        ({"HX-Request": "true", "HX-Boosted": "true"}, False),
        ({"HX-Request": "true", "HX-History-Restore-Request": "true"}, False),
    ],
)
def test_is_htmx(headers, expected):
    assert is_htmx(RequestFactory().get("/", headers=headers)) is expected


def test_render_list_gives_htmx_the_partial(list_templates):
    request = RequestFactory().get("/", headers={"HX-Request": "true"})
    response = render_list(request, "page.html", "part.html", {"numbers": [1, 2]})
    assert response.content.decode() == "<ul><li>1</li><li>2</li></ul>"
    assert response["Vary"] == "HX-Request"


def test_render_list_gives_a_browser_the_page(list_templates):
    response = render_list(RequestFactory().get("/"), "page.html", "part.html", {"numbers": [1]})
    assert response.content.decode() == "<html><h1>Lista</h1><ul><li>1</li></ul></html>"
    assert response["Vary"] == "HX-Request"


def test_going_back_to_a_page_htmx_no_longer_caches_gets_the_whole_page(list_templates):
    request = RequestFactory().get("/", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert render_list(request, "page.html", "part.html", {"numbers": []}).content.startswith(b"<html>")


@pytest.mark.django_db
def test_a_list_page_and_its_fragment(client, account_manager):
    client.force_login(account_manager)
    url = reverse("notifications:list")
    page = client.get(url)
    fragment = client.get(url, headers={"HX-Request": "true"})
    assert [t.name for t in page.templates][:2] == ["accounts/notification_list.html", "base.html"]
    assert fragment.templates[0].name == "accounts/notification_table.html"
    assert b"<html" not in fragment.content and b"<html" in page.content
