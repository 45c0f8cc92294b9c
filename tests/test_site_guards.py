"""Site-wide guards (dp: djangoproject/tests.py): migrations, page structure, locales, deployment checks."""

import os
import secrets
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from crm.tests.factories import (
    AgreementFactory,
    ContactFactory,
    DeliveryFactory,
    InteractionFactory,
    OrganisationFactory,
)

BASE_DIR = Path(__file__).resolve().parent.parent
UNLABELLED_TYPES = {"hidden", "submit", "button", "reset", "image"}


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    # Exits with SystemExit(1) when makemigrations would write something.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


class PageStructure(HTMLParser):
    """Collects what the guards look at: h1s, the <html lang>, form fields and their labels."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.h1_count = 0
        self.html_lang: str | None = None
        self.label_for: set[str] = set()
        self.fields: list[dict] = []
        self._open_labels = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.html_lang = attributes.get("lang")
        elif tag == "h1":
            self.h1_count += 1
        elif tag == "label":
            self._open_labels += 1
            if attributes.get("for"):
                self.label_for.add(attributes["for"])
        elif tag in ("input", "select", "textarea"):
            if tag == "input" and (attributes.get("type") or "text") in UNLABELLED_TYPES:
                return
            self.fields.append({**attributes, "_tag": tag, "_inside_label": self._open_labels > 0})

    def handle_endtag(self, tag: str) -> None:
        if tag == "label" and self._open_labels:
            self._open_labels -= 1

    def unlabelled(self) -> list[str]:
        missing = []
        for field in self.fields:
            labelled = (
                field["_inside_label"]
                or field.get("id") in self.label_for
                or field.get("aria-label")
                or field.get("aria-labelledby")
            )
            if not labelled:
                missing.append(f"<{field['_tag']} name={field.get('name')!r} id={field.get('id')!r}>")
        return missing


def _parse(html: str) -> PageStructure:
    parser = PageStructure()
    parser.feed(html)
    parser.close()
    return parser


@pytest.fixture
def account_manager_pages(account_manager):
    organisation = OrganisationFactory(name="Rakenne Oy", account_manager=account_manager)
    contact = ContactFactory(organisation=organisation)
    interaction = InteractionFactory(organisation=organisation)
    interaction.contacts.add(contact)
    delivery = DeliveryFactory(organisation=organisation)
    agreement = AgreementFactory(organisation=organisation)
    pk = organisation.pk
    return [
        reverse("crm:organisation_list"),
        reverse("crm:my_customers"),
        reverse("crm:my_work"),
        reverse("crm:organisation_create"),
        reverse("crm:organisation_detail", args=[pk]),
        reverse("crm:organisation_edit", args=[pk]),
        reverse("crm:account_team_edit", args=[pk]),
        reverse("crm:agreement_create", args=[pk]),
        reverse("crm:agreement_edit", args=[agreement.pk]),
        reverse("crm:contact_create", args=[pk]),
        reverse("crm:contact_edit", args=[contact.pk]),
        reverse("crm:interaction_create", args=[pk]),
        reverse("crm:interaction_edit", args=[interaction.pk]),
        reverse("crm:delivery_create", args=[pk]),
        reverse("crm:delivery_edit", args=[delivery.pk]),
        reverse("accounts:password_change"),
    ]


@pytest.mark.django_db
def test_every_account_manager_page_has_one_h1_finnish_lang_and_labelled_fields(
    client, account_manager, account_manager_pages
):
    client.force_login(account_manager)
    problems = {}
    for url in account_manager_pages:
        response = client.get(url)
        assert response.status_code == 200, url
        page = _parse(response.content.decode())
        found = []
        if page.h1_count != 1:
            found.append(f"{page.h1_count} <h1>")
        if page.html_lang != "fi":
            found.append(f"<html lang={page.html_lang!r}>")
        if page.unlabelled():
            found.append(f"unlabelled: {page.unlabelled()}")
        if url.endswith(("/new/", "/edit/", "/team/", "/change/")) and not page.fields:
            found.append("a form page without fields: the parser missed them")
        if found:
            problems[url] = found
    assert problems == {}


@pytest.mark.django_db
def test_the_login_page_has_one_h1_and_labelled_fields(client):
    page = _parse(client.get(reverse("accounts:login")).content.decode())
    assert page.h1_count == 1
    assert page.html_lang == "fi"
    assert page.unlabelled() == []
    assert {field.get("name") for field in page.fields} >= {"username", "password"}


def test_the_label_guard_catches_an_unlabelled_field():
    page = _parse('<html lang="fi"><h1>x</h1><label for="a">A</label><input id="a"><input id="b" name="b"></html>')
    assert page.unlabelled() == ["<input name='b' id='b'>"]


# Kumppani's catalogues are compiled by `make messages` (run by `make test`); "Password" is Django's own.
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading", "password_label"),
    [
        ("fi", "Kirjaudu Kumppaniin", "Salasana"),
        ("en", "Log in to Kumppani", "Password"),
        ("sv", "Logga in i Kumppani", "Lösenord"),
    ],
)
def test_login_page_renders_in_the_chosen_language(client, language, heading, password_label):
    response = client.post(reverse("set_language"), {"language": language, "next": reverse("accounts:login")})
    assert response.status_code == 302
    assert client.cookies["django_language"].value == language

    html = client.get(reverse("accounts:login")).content.decode()
    assert _parse(html).html_lang == language
    assert heading in html
    assert password_label in html


@pytest.mark.django_db
def test_language_cookie_alone_switches_the_language(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    page = _parse(client.get(reverse("accounts:login")).content.decode())
    assert page.html_lang == "sv"


def test_deploy_check_is_clean_with_debug_off():
    # conftest.py sets DJANGO_ALLOW_ASYNC_UNSAFE for Playwright; a deployment never has it.
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "kumppani.example",
        "DJANGO_SETTINGS_MODULE": "kumppani.settings",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output


@pytest.mark.django_db
def test_no_access_and_not_found_pages_speak_the_users_language_in_the_site_layout(client, teacher):
    client.force_login(teacher)
    refused = client.get(reverse("crm:retention_review"))
    assert refused.status_code == 403
    page = _parse(refused.content.decode())
    assert (page.h1_count, page.html_lang) == (1, "fi")
    assert "Ei pääsyä" in refused.content.decode()

    missing = client.get("/ei-tällaista-sivua/")
    assert missing.status_code == 404
    page = _parse(missing.content.decode())
    assert (page.h1_count, page.html_lang) == (1, "fi")
    assert "Sivua ei löytynyt" in missing.content.decode()
