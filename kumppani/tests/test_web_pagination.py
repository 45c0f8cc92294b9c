"""kumppani.web.pagination and templates/kumppani/pagination.html: filters survive paging, deep pages are capped."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from kumppani.web.pagination import paginate

ROWS = list(range(1, 101))


@pytest.fixture(autouse=True)
def _finnish():
    with translation.override("fi"):
        yield


def _get(query: str = ""):
    return RequestFactory().get(f"/customers/{query}")


def _links(html: str) -> dict[str, str]:
    """Each page link's text → its href, entities decoded."""
    return {
        text: href.replace("&amp;", "&")
        for href, text in re.findall(r'<a class="page-link" href="([^"]*)"[^>]*>([^<]+)</a>', html)
    }


@pytest.mark.parametrize(
    ("asked", "shown"), [("", 1), ("?page=3", 3), ("?page=abc", 1), ("?page=-2", 1), ("?page=0", 1)]
)
def test_the_page_asked_for_or_the_first_for_junk(asked, shown):
    assert paginate(_get(asked), ROWS, per_page=10).number == shown


def test_a_number_past_the_end_gives_the_last_page():
    assert paginate(_get("?page=99"), ROWS, per_page=10).number == 10


def test_rows_per_page_default_to_the_setting(settings):
    settings.PAGINATE_BY = 7
    page = paginate(_get(), ROWS)
    assert list(page.object_list) == [1, 2, 3, 4, 5, 6, 7]


def test_deep_pages_are_capped_and_the_last_allowed_page_has_no_next():
    page = paginate(_get("?page=9999"), ROWS, per_page=10, max_pages=4)
    assert page.number == 4
    assert not page.has_next()
    assert page.paginator.num_pages == 4
    assert page.paginator.count == 100  # the count still tells how many matched
    assert page.paginator.is_capped
    assert not paginate(_get(), ROWS, per_page=10).paginator.is_capped


def test_links_keep_every_filter_and_replace_only_the_page():
    request = _get("?q=oy&municipality=5&municipality=7&page=2")
    page = paginate(request, ROWS, per_page=10)
    html = render_to_string("kumppani/pagination.html", {"page": page}, request=request)
    assert _links(html) == {
        "Edellinen": "?q=oy&municipality=5&municipality=7&page=1",
        "Seuraava": "?q=oy&municipality=5&municipality=7&page=3",
    }
    # htmx fetches the same address and swaps the list around the links, pushing the address.
    assert 'hx-get="?q=oy&amp;municipality=5&amp;municipality=7&amp;page=3"' in html
    assert 'hx-target="closest [aria-live]"' in html and 'hx-push-url="true"' in html
    assert "Sivu 2/10" in html


def test_links_escape_what_people_typed():
    request = _get('?q="><script>&page=1')
    html = render_to_string("kumppani/pagination.html", {"page": paginate(request, ROWS, per_page=10)}, request=request)
    assert "<script>" not in html
    assert _links(html)["Seuraava"] == "?q=%22%3E%3Cscript%3E&page=2"


def test_plain_links_and_a_fragment_from_another_url():
    request = _get("?page=2")
    page = paginate(request, ROWS, per_page=10)
    plain = render_to_string("kumppani/pagination.html", {"page": page, "plain": True}, request=request)
    assert "hx-get" not in plain
    fragment = render_to_string(
        "kumppani/pagination.html",
        {"page": page, "hx_url": "/customers/1/timeline/", "hx_target": "#timeline-entries", "anchor": "#timeline"},
        request=request,
    )
    assert 'href="?page=3#timeline"' in fragment
    assert 'hx-get="/customers/1/timeline/?page=3" hx-target="#timeline-entries"' in fragment
    assert "hx-push-url" not in fragment  # the address bar keeps the page's own address


def test_one_page_needs_no_links():
    request = _get()
    html = render_to_string("kumppani/pagination.html", {"page": paginate(request, ROWS[:5])}, request=request)
    assert html.strip() == ""


def test_the_last_capped_page_asks_to_narrow_the_filters():
    request = _get("?page=4")
    page = paginate(request, ROWS, per_page=10, max_pages=4)
    html = render_to_string("kumppani/pagination.html", {"page": page}, request=request)
    assert "Vain 4 ensimmäistä sivua näytetään" in html
    earlier = render_to_string(
        "kumppani/pagination.html", {"page": paginate(_get("?page=3"), ROWS, per_page=10, max_pages=4)}, request=request
    )
    assert "ensimmäistä sivua" not in earlier


@pytest.mark.django_db
def test_the_register_list_pages_with_its_filters(client, account_manager, settings):
    from crm.tests.factories import OrganisationFactory

    settings.PAGINATE_BY = 2
    for number in range(5):
        OrganisationFactory(name=f"Konepaja {number} Oy")
    OrganisationFactory(name="Leipomo Oy")
    client.force_login(account_manager)
    response = client.get(reverse("crm:organisation_list"), {"q": "Konepaja", "page": "2"})
    assert response.context["page"].paginator.count == 5
    links = _links(response.content.decode())
    assert links["Seuraava"] == "?q=Konepaja&page=3"
    assert links["Edellinen"] == "?q=Konepaja&page=1"


@pytest.mark.django_db
@pytest.mark.parametrize("page_number", [1, 2, 3, 4, 5, 6])
def test_a_deep_page_fetched_by_ids_holds_the_same_rows_in_the_same_order(monkeypatch, page_number):
    """Past IDS_FIRST_FROM a page reads its ids first, then its rows: the rows and their order do not change."""
    from django.db.models.functions import Lower

    from crm.models import Organisation
    from crm.tests.factories import OrganisationFactory
    from kumppani.web import pagination

    for i in range(23):
        OrganisationFactory(name=f"{'ab'[i % 2]}Yritys {i % 5}")  # repeated names: the pk breaks ties
    queryset = Organisation.objects.select_related("municipality").order_by(Lower("name"), "-pk")
    plain = paginate(_get(f"?page={page_number}"), queryset, per_page=4)
    monkeypatch.setattr(pagination, "IDS_FIRST_FROM", 0)
    by_ids = paginate(_get(f"?page={page_number}"), queryset, per_page=4)
    assert isinstance(by_ids.object_list, list)
    assert [o.pk for o in by_ids.object_list] == [o.pk for o in plain.object_list]
    assert "municipality" in by_ids.object_list[0]._state.fields_cache  # select_related still applies
    assert by_ids.has_next() == plain.has_next()
