"""No input in a URL, a query string or a form gives a server error, on any page, for any role.

Every row of the access matrix is requested again with garbage: each page as every signed-in role that may
read it, with every parameter the page's forms and links name (and the common ones: page, q, pk, …) set to
a non-numeric id, a huge number, a bad date, an unknown choice, a NUL byte and a very long string; every form
that role may post to gets the same garbage; and every address with an id is asked for one that does not
exist. A 4xx or a page with errors is fine; a 5xx is a defect.
"""

import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import reverse

from tests.test_access_matrix import GET, HTMX, MATRIX, POST, ROLES, SEGMENT_CODES, World

pytestmark = pytest.mark.django_db

GARBAGE = {
    "non-numeric": "abc",
    "superscript digit": "²",
    "huge number": "9" * 30,
    "number past the end": "999999",
    "bad date": "2026-13-45",
    "far date": "9999-12-31",
    "nul byte": "a\x00b",
    "long text": "x" * 5000,
}
# Forms re-render whole pages, so fewer kinds (each covers a class of field: ids, numbers, dates, text)
POSTED_GARBAGE = ("non-numeric", "huge number", "far date", "long text")
# Parameters the views read without naming them in a form of their own page
COMMON_PARAMETERS = (
    "page", "q", "pk", "id", "organisation", "organisation_text", "kind", "status", "period", "dimension",
    "format", "a", "b", "next", "target", "text", "clear", "segment", "to", "idempotency_key", "section", "lang",
)  # fmt: skip
# Teachers take their own paths through the code; account managers, management and admins read through the
# same code with other querysets, so the admin stands for them, and each is asked where only it may.
ASKED = ("teacher", "admin")
# A form is posted once, by the first of these it admits
POSTING = ("teacher", "account_manager", "admin")
# Path arguments that name nothing: ids past any row, and one too big for the column
MISSING_IDS = (999_999_999, 10**20)
REFUSED = (403, 405, "LOGIN")


class _Names(HTMLParser):
    """The names of a page's inputs and its links' query parameters."""

    def __init__(self):
        super().__init__()
        self.names: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("input", "select", "textarea") and attributes.get("name"):
            self.names.add(attributes["name"])
        for attribute in ("href", "hx-get", "action"):
            if attributes.get(attribute) and "?" in attributes[attribute]:
                self.names.update(name for name, _value in parse_qsl(urlsplit(attributes[attribute]).query))


def _names(response) -> set[str]:
    parser = _Names()
    if response.get("Content-Type", "").startswith("text/html"):
        parser.feed(response.content.decode())
    return (parser.names - {"csrfmiddlewaretoken"}) | set(COMMON_PARAMETERS)


def _rows(methods: tuple[str, ...], one_role: bool = False, asked: tuple[str, ...] = ASKED):
    """(name, method, target, role) for each role a row lets past the role check (or the first of them)."""
    seen = set()
    for name, method, target, *answers in MATRIX:
        if method not in methods:
            continue
        admitted = [role for role, expected in zip(ROLES, answers, strict=True) if expected not in REFUSED]
        roles = [role for role in admitted if role in asked] or [role for role in admitted if role != "anonymous"]
        roles = roles[:1] if one_role else roles
        for role in roles:
            key = (name, method, target, role)
            if key not in seen:
                seen.add(key)
                yield key


def _assert_no_server_error(response, where: str) -> None:
    assert response.status_code < 500, f"{where} answered {response.status_code}"


@pytest.fixture
def world(request) -> World:
    return World(request)


@pytest.mark.parametrize("role", (*ASKED, "account_manager", "management"))
def test_garbage_in_the_query_string_gives_no_server_error(client, request, world, role):
    """One walk per role over every page it may read (reading changes nothing, so the world is shared)."""
    user = request.getfixturevalue(role)
    client.force_login(user)
    failures = []
    for name, method, target, asked in _rows((GET, HTMX)):
        if asked != role:
            continue
        url = world.url(name, target, user)
        headers = {"HX-Request": "true"} if method == HTMX else {}
        names = _names(client.get(url, headers=headers))
        for what, value in GARBAGE.items():
            response = client.get(url, {key: value for key in names}, headers=headers)
            if response.status_code >= 500:
                failures.append(f"{method} {url} with {what}: {response.status_code}")
    assert not failures, failures


@pytest.mark.parametrize(
    ("name", "method", "target", "role"),
    [
        pytest.param(*row, id="-".join(str(part) for part in row))
        for row in _rows((POST,), one_role=True, asked=POSTING)
    ],
)
def test_garbage_posted_to_a_form_gives_no_server_error(client, request, world, name, method, target, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    url = world.url(name, target, user)
    names = _names(client.get(url)) if name not in POST_ONLY else set(COMMON_PARAMETERS)
    for what in POSTED_GARBAGE:
        response = client.post(url, {key: GARBAGE[what] for key in names})
        _assert_no_server_error(response, f"POST {url} with {what} as {role}")


POST_ONLY = {name for name, method, _t, *answers in MATRIX if method == GET and set(answers) == {405}}


def _with_ids(name: str, target: str | None) -> bool:
    not_ids = ("token", "feed", "live", "live_part")  # secrets, and the codes of the roadmap's live figures
    return target is not None and target not in SEGMENT_CODES and not target.endswith(not_ids)


@pytest.mark.parametrize(
    ("name", "method"),
    sorted({(name, method) for name, method, target, *_a in MATRIX if _with_ids(name, target) and method != HTMX}),
)
def test_an_id_that_names_nothing_gives_no_server_error(client, admin, name, method):
    client.force_login(admin)
    for missing in MISSING_IDS:
        args = [missing, "send"] if name == "leads:offer_transition" else [missing]
        url = reverse(name, args=args)
        response = client.post(url) if method == POST else client.get(url)
        _assert_no_server_error(response, f"{method} {url}")
        assert response.status_code in (404, 405), f"{method} {url} answered {response.status_code}"


def test_the_garbage_covers_the_parameters_the_views_read():
    """Every `request.GET` parameter a view reads by name is one the garbage is sent to."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    read = set()
    for path in root.glob("*/views*/**/*.py"):
        read.update(re.findall(r"request\.GET(?:\.get\(|\[)\"(\w+)\"", path.read_text()))
    for path in root.glob("*/views.py"):
        read.update(re.findall(r"request\.GET(?:\.get\(|\[)\"(\w+)\"", path.read_text()))
    assert read and read <= set(COMMON_PARAMETERS), sorted(read - set(COMMON_PARAMETERS))
