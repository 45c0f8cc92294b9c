"""Every page against every role: one table, one parametrised test (px: src/tests/control/test_permissions.py).

Rules (accounts/access.py): account managers and admins edit the register; management reads it (403 on edit
pages); teachers get 403 on register pages; anonymous users are sent to the login page. Archived customers
are 404 to everyone but admins. POST-only views answer GET with 405 before anything else.

How to read a cell:
    200, 403, 404, 405  the status code
    LOGIN               302 to /accounts/login/?next=<the page>
    HOME, LIST, ORG...  302 to the address the constant names ("→ /path/"; {org} is the fixture's key)
"""

from urllib.parse import quote

import pytest
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from crm.tests.factories import (
    AgreementFactory,
    ContactFactory,
    DeliveryFactory,
    InteractionFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "teacher", "account_manager", "management", "admin")
GET, POST, HTMX = "GET", "POST", "HTMX"  # HTMX: a GET carrying the HX-Request header
LOGIN = "LOGIN"
HOME = "→ /"
WORK = "→ /customers/work/"
LIST = "→ /customers/"
LEADS = "→ /leads/mine/"
ORG = "→ /customers/{org}/"
TIMELINE = "→ /customers/{org}/#timeline"
TO_LOGIN = "→ /accounts/login/"  # after logging out
STAFF = "→ /admin/login/?next=/admin/"  # the admin's own login page

# fmt: off
MATRIX = [
    # url name                          how   object             anonymous teacher   acc.mgr   mgmt      admin
    ("home",                             GET,  None,              LOGIN,    LEADS,    WORK,     LIST,     LIST),
    # The register
    ("crm:organisation_list",            GET,  None,              LOGIN,    403,      200,      200,      200),
    ("crm:my_customers",                 GET,  None,              LOGIN,    403,      200,      403,      403),
    ("crm:my_work",                      GET,  None,              LOGIN,    200,      200,      200,      200),
    ("crm:organisation_create",          GET,  None,              LOGIN,    403,      200,      403,      200),
    ("crm:organisation_detail",          GET,  "org",             LOGIN,    403,      200,      200,      200),
    ("crm:organisation_detail",          GET,  "archived",        LOGIN,    403,      404,      404,      200),
    ("crm:organisation_edit",            GET,  "org",             LOGIN,    403,      200,      403,      200),
    ("crm:organisation_edit",            GET,  "archived",        LOGIN,    403,      404,      403,      200),
    ("crm:organisation_archive",         GET,  "org",             405,      405,      405,      405,      405),
    ("crm:organisation_archive",         POST, "org",             LOGIN,    403,      LIST,     403,      LIST),
    ("crm:organisation_archive",         POST, "archived",        LOGIN,    403,      404,      403,      LIST),
    ("crm:organisation_follow",          GET,  "org",             405,      405,      405,      405,      405),
    ("crm:organisation_follow",          POST, "org",             LOGIN,    403,      ORG,      ORG,      ORG),
    ("crm:account_team_edit",            GET,  "org",             LOGIN,    403,      200,      403,      200),
    # ...of a customer another account manager is responsible for
    ("crm:account_team_edit",            GET,  "other",           LOGIN,    403,      403,      403,      200),
    ("crm:organisation_timeline",        HTMX, "org",             LOGIN,    403,      200,      200,      200),
    ("crm:organisation_timeline",        GET,  "org",             LOGIN,    403,      TIMELINE, TIMELINE, TIMELINE),
    ("crm:agreement_create",             GET,  "org",             LOGIN,    403,      200,      403,      200),
    ("crm:agreement_edit",               GET,  "agreement",       LOGIN,    403,      200,      403,      200),
    ("crm:contact_create",               GET,  "org",             LOGIN,    403,      200,      403,      200),
    ("crm:contact_edit",                 GET,  "contact",         LOGIN,    403,      200,      403,      200),
    ("crm:contact_export",               GET,  "contact",         LOGIN,    403,      200,      403,      200),
    ("crm:contact_anonymise",            GET,  "contact",         405,      405,      405,      405,      405),
    ("crm:contact_anonymise",            POST, "contact",         LOGIN,    403,      ORG,      403,      ORG),
    ("crm:interaction_create",           GET,  "org",             LOGIN,    403,      200,      403,      200),
    ("crm:interaction_edit",             GET,  "interaction",     LOGIN,    403,      200,      403,      200),
    ("crm:delivery_create",              GET,  "org",             LOGIN,    403,      200,      403,      200),
    ("crm:delivery_edit",                GET,  "delivery",        LOGIN,    403,      200,      403,      200),
    # Entries of an archived customer are hidden like the customer itself
    ("crm:contact_edit",                 GET,  "archived_contact", LOGIN,   403,      404,      403,      200),
    # Accounts
    ("accounts:login",                   GET,  None,              200,      HOME,     HOME,     HOME,     HOME),
    ("accounts:logout",                  GET,  None,              405,      405,      405,      405,      405),
    ("accounts:logout",                  POST, None,              TO_LOGIN, TO_LOGIN, TO_LOGIN, TO_LOGIN, TO_LOGIN),
    ("accounts:password_change",         GET,  None,              LOGIN,    200,      200,      200,      200),
    ("accounts:password_change_done",    GET,  None,              LOGIN,    200,      200,      200,      200),
    ("accounts:password_reset",          GET,  None,              200,      200,      200,      200,      200),
    ("accounts:password_reset_done",     GET,  None,              200,      200,      200,      200,      200),
    ("accounts:password_reset_confirm",  GET,  "bad_token",       200,      200,      200,      200,      200),
    ("accounts:password_reset_complete", GET,  None,              200,      200,      200,      200,      200),
    # The Django admin keeps its own login page; only staff get in
    ("admin:index",                      GET,  None,              STAFF,    STAFF,    STAFF,    STAFF,    200),
]
# fmt: on

POST_DATA = {"crm:organisation_archive": {"archive": "1"}}


def _register_url_names() -> set[str]:
    from crm import register_urls

    return {f"{register_urls.app_name}:{pattern.name}" for pattern in register_urls.urlpatterns}


def _cases():
    for name, method, target, *answers in MATRIX:
        assert len(answers) == len(ROLES), name
        for role, expected in zip(ROLES, answers, strict=True):
            yield pytest.param(name, method, target, role, expected, id=f"{name}-{method}-{target or '-'}-{role}")


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # Seven users per case: PBKDF2 would make this table take minutes.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def register(account_manager):
    """One of everything the register's pages show, on a customer the account manager runs."""
    org = OrganisationFactory(name="Matriisi Oy", account_manager=account_manager)
    other = OrganisationFactory(name="Toisen Oy", account_manager=UserFactory(roles=[Role.ACCOUNT_MANAGER]))
    archived = OrganisationFactory(name="Arkistoitu Oy", is_archived=True)
    return {
        "org": org.pk,
        "other": other.pk,
        "archived": archived.pk,
        "contact": ContactFactory(organisation=org).pk,
        "archived_contact": ContactFactory(organisation=archived).pk,
        "interaction": InteractionFactory(organisation=org).pk,
        "delivery": DeliveryFactory(organisation=org).pk,
        "agreement": AgreementFactory(organisation=org).pk,
    }


def _url(name: str, target: str | None, register: dict) -> str:
    if target is None:
        return reverse(name)
    if target == "bad_token":
        return reverse(name, kwargs={"uidb64": "MQ", "token": "bad-token"})
    return reverse(name, args=[register[target]])


@pytest.mark.parametrize(("name", "method", "target", "role", "expected"), list(_cases()))
def test_every_page_answers_every_role_as_the_table_says(
    client, request, register, name, method, target, role, expected
):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    url = _url(name, target, register)

    if method == POST:
        response = client.post(url, POST_DATA.get(name, {}))
    elif method == HTMX:
        response = client.get(url, headers={"HX-Request": "true"})
    else:
        response = client.get(url)

    if expected == LOGIN:
        assert response.status_code == 302, f"{method} {url} as {role}"
        assert response["Location"] == f"/accounts/login/?next={quote(url)}"
    elif isinstance(expected, str):
        assert response.status_code == 302, f"{method} {url} as {role}"
        assert response["Location"] == expected.removeprefix("→ ").format(**register)
    else:
        assert response.status_code == expected, f"{method} {url} as {role}"


def test_the_table_covers_every_url_of_the_register():
    in_table = {name for name, *_rest in MATRIX if name.startswith("crm:")}
    assert in_table == _register_url_names()
