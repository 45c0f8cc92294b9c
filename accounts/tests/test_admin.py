"""The Django admin for users, organisational units and failed logins."""

import pytest
from axes.models import AccessAttempt
from django.contrib import admin as django_admin
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import OrgUnit, User
from accounts.roles import Role
from accounts.tests.factories import PASSWORD, OrgUnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def changelist_queries(client, model) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(model, "changelist"))
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


def test_site_titles(admin_client):
    response = admin_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert response.context["site_header"] == "Kumppani"
    assert django_admin.site.index_title and django_admin.site.site_title


@pytest.mark.parametrize("model, can_add", [(User, True), (OrgUnit, True), (AccessAttempt, False)])
def test_admin_pages_render(admin_client, model, can_add):
    assert admin_client.get(url(model, "changelist")).status_code == 200
    assert admin_client.get(url(model, "add")).status_code == (200 if can_add else 403)


def test_user_change_and_history_pages_render(admin_client, account_manager):
    assert admin_client.get(url(User, "change", account_manager.pk)).status_code == 200
    assert admin_client.get(url(User, "history", account_manager.pk)).status_code == 200
    assert admin_client.get(reverse("admin:auth_user_password_change", args=[account_manager.pk])).status_code == 200


def test_user_list_shows_roles_and_units(admin_client, account_manager):
    account_manager.units.add(OrgUnitFactory(name="Tekniikan tiimi"))
    response = admin_client.get(url(User, "changelist"), {"q": "am@example.fi"}, HTTP_ACCEPT_LANGUAGE="en")
    content = response.content.decode()
    assert "Account manager" in content
    assert "Tekniikan tiimi" in content
    filtered = admin_client.get(url(User, "changelist"), {"groups__id__exact": account_manager.groups.get().pk})
    assert list(filtered.context["cl"].result_list) == [account_manager]


def test_user_changelist_queries_do_not_grow_with_rows(admin_client):
    unit = OrgUnitFactory()

    def user():
        UserFactory(roles=[Role.ACCOUNT_MANAGER, Role.TEACHER]).units.add(unit)

    user()
    admin_client.get(url(User, "changelist"))
    one = changelist_queries(admin_client, User)
    for _ in range(4):
        user()
    assert changelist_queries(admin_client, User) == one


def test_org_unit_changelist_counts_members_without_n_plus_one(admin_client):
    parent = OrgUnitFactory(name="Tulosalue", kind=OrgUnit.Kind.RESULT_AREA)

    def unit():
        team = OrgUnitFactory(parent=parent, head=UserFactory())
        for _ in range(2):
            UserFactory().units.add(team)

    unit()
    admin_client.get(url(OrgUnit, "changelist"))
    one = changelist_queries(admin_client, OrgUnit)
    for _ in range(4):
        unit()
    assert changelist_queries(admin_client, OrgUnit) == one
    response = admin_client.get(url(OrgUnit, "changelist"), {"o": "5"})
    counts = {row.name: row.members_count for row in response.context["cl"].result_list}
    assert counts["Tulosalue"] == 0
    assert set(counts.values()) == {0, 2}


def test_adding_a_user_by_email(admin_client):
    unit = OrgUnitFactory()
    group = Group.objects.get(name=Role.ACCOUNT_MANAGER)
    response = admin_client.post(
        url(User, "add"),
        {
            "email": "Uusi.Kayttaja@Example.FI",
            "first_name": "Uusi",
            "last_name": "Käyttäjä",
            "usable_password": "true",
            "password1": "Vahva-salasana-123",
            "password2": "Vahva-salasana-123",
            "groups": [group.pk],
            "units": [unit.pk],
        },
    )
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    user = User.objects.get(email="uusi.kayttaja@example.fi")
    assert user.check_password("Vahva-salasana-123")
    assert user.has_role(Role.ACCOUNT_MANAGER)
    assert list(user.units.all()) == [unit]


def test_email_must_be_unique_regardless_of_case(admin_client, account_manager):
    response = admin_client.post(
        url(User, "add"),
        {"email": "AM@example.fi", "usable_password": "false", "password1": "", "password2": ""},
    )
    assert response.status_code == 200
    assert "email" in response.context["adminform"].form.errors


def test_editing_a_user(admin_client, account_manager):
    unit = OrgUnitFactory()
    data = {
        "email": "am@example.fi",
        "first_name": "Anna",
        "last_name": "Asiakkuus",
        "title": "",
        "phone": "",
        "language": "fi",
        "groups": [group.pk for group in account_manager.groups.all()],
        "units": [unit.pk],
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "08:00:00",
    }
    response = admin_client.post(url(User, "change", account_manager.pk), data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    account_manager.refresh_from_db()
    assert account_manager.last_name == "Asiakkuus"
    assert list(account_manager.units.all()) == [unit]
    assert account_manager.history.count() >= 2


def _logs_in(email: str, password: str, address: str = "10.0.0.1") -> bool:
    response = Client(REMOTE_ADDR=address).post(reverse("accounts:login"), {"username": email, "password": password})
    return response.status_code == 302


def test_login_attempts_are_listed_read_only_and_can_be_unlocked(admin_client, account_manager):
    for _ in range(5):
        _logs_in("am@example.fi", "wrong")
    assert not _logs_in("am@example.fi", PASSWORD, address="10.0.0.2")
    response = admin_client.get(url(AccessAttempt, "changelist"), {"q": "am@"})
    assert response.context["cl"].result_count == 1
    attempt = AccessAttempt.objects.get()
    assert attempt.failures_since_start == 5
    assert admin_client.post(url(AccessAttempt, "delete", attempt.pk), {"post": "yes"}).status_code == 403
    admin_client.post(url(AccessAttempt, "change", attempt.pk), {"username": "other@example.fi"})
    attempt.refresh_from_db()
    assert attempt.username == "am@example.fi"

    response = admin_client.post(
        url(AccessAttempt, "changelist"), {"action": "unlock_selected", "_selected_action": [attempt.pk]}
    )
    assert response.status_code == 302
    assert _logs_in("am@example.fi", PASSWORD, address="10.0.0.2")
