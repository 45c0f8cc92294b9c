"""Roles are groups carrying ROLE_PERMISSIONS; one person may hold several; the unit tree."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import RequestFactory
from django.urls import reverse

from accounts.context_processors import navigation
from accounts.models import OrgUnit
from accounts.roles import ROLE_PERMISSIONS, Role
from accounts.services import roles_sync
from accounts.tests.factories import OrgUnitFactory, UserFactory

pytestmark = pytest.mark.django_db

# accounts/signals.py runs roles_sync() only on the post_migrate of "accounts", which Django sends before the
# apps listed after it (crm, segments...) have their permissions: a fresh database gets groups without them.


def _codenames(group: Group) -> set[str]:
    return set(group.permissions.values_list("content_type__app_label", "codename"))


def _expected(role: Role) -> set[tuple[str, str]]:
    return {(app, f"{action}_{model}") for app, model, actions in ROLE_PERMISSIONS[role] for action in actions}


def test_every_role_has_its_group_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= {role.value for role in Role}


@pytest.mark.parametrize("role", [Role.ACCOUNT_MANAGER, Role.TEACHER, Role.MANAGEMENT])
def test_each_role_group_carries_exactly_its_permissions_after_migrate(role):
    group = Group.objects.get(name=role.value)
    assert _codenames(group) == _expected(role)


def test_admin_group_carries_every_permission_after_migrate():
    group = Group.objects.get(name=Role.ADMIN.value)
    assert group.permissions.count() == Permission.objects.count()


def test_every_permission_named_in_role_permissions_exists():
    named = set().union(*(_expected(role) for role in Role))
    existing = set(Permission.objects.values_list("content_type__app_label", "codename"))
    assert named - existing == set()


def test_roles_sync_gives_each_group_its_permissions_once_every_app_is_migrated():
    roles_sync()
    for role in (Role.ACCOUNT_MANAGER, Role.TEACHER, Role.MANAGEMENT):
        assert _codenames(Group.objects.get(name=role.value)) == _expected(role)
    assert Group.objects.get(name=Role.ADMIN.value).permissions.count() == Permission.objects.count()


def test_roles_sync_is_idempotent_and_removes_stray_permissions():
    group = Group.objects.get(name=Role.TEACHER.value)
    group.permissions.add(Permission.objects.get(codename="delete_organisation"))
    roles_sync()
    roles_sync()
    assert _codenames(group) == _expected(Role.TEACHER)
    assert Group.objects.filter(name=Role.TEACHER.value).count() == 1


def test_user_permissions_come_from_the_role(account_manager, management):
    assert account_manager.has_perm("crm.change_organisation")
    assert not account_manager.has_perm("crm.delete_organisation")
    assert management.has_perm("crm.view_organisation")
    assert not management.has_perm("crm.change_organisation")


def test_a_user_may_hold_two_roles():
    user = UserFactory(roles=[Role.TEACHER, Role.MANAGEMENT])
    assert user.role_names() == {"teacher", "management"}
    assert user.has_role(Role.TEACHER) and user.has_role(Role.MANAGEMENT)
    assert not user.has_role(Role.ACCOUNT_MANAGER)
    assert [str(label) for label in user.roles_display] == [str(Role.TEACHER.label), str(Role.MANAGEMENT.label)]


def test_superuser_counts_as_admin():
    user = UserFactory(is_superuser=True, is_staff=True)
    assert user.has_role(Role.ADMIN)


def _nav_urls(user, path: str = "/") -> list[str]:
    request = RequestFactory().get(path)
    request.user = user
    urls = []
    for item in navigation(request)["nav_items"]:
        urls += [child["url"] for child in item["children"]] if "children" in item else [item["url"]]
    return urls


def test_items_of_one_group_form_one_dropdown(account_manager):
    request = RequestFactory().get("/leads/")
    request.user = account_manager
    groups = [item for item in navigation(request)["nav_items"] if "children" in item]
    assert groups, "an account manager gets grouped menus"
    sales = next(group for group in groups if any(child["url"] == "/leads/" for child in group["children"]))
    assert sales["active"] and len(sales["children"]) > 1


def test_user_with_two_roles_sees_the_navigation_of_both():
    account_manager_only = UserFactory(roles=[Role.ACCOUNT_MANAGER])
    admin_only = UserFactory(roles=[Role.ADMIN], is_staff=True)
    both = UserFactory(roles=[Role.ACCOUNT_MANAGER, Role.ADMIN], is_staff=True)

    manager_urls, admin_urls, both_urls = _nav_urls(account_manager_only), _nav_urls(admin_only), _nav_urls(both)

    assert reverse("crm:my_customers") in manager_urls and reverse("crm:my_customers") not in admin_urls
    assert reverse("admin:index") in admin_urls and reverse("admin:index") not in manager_urls
    assert set(both_urls) == set(manager_urls) | set(admin_urls)
    assert len(both_urls) == len(set(both_urls))  # an item both roles get is listed once


def test_staff_only_items_need_is_staff_too():
    admin_without_staff = UserFactory(roles=[Role.ADMIN], is_staff=False)
    assert reverse("admin:index") not in _nav_urls(admin_without_staff)


def test_anonymous_users_get_no_navigation():
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    assert navigation(request) == {"nav_items": []}


def test_navigation_marks_only_the_longest_matching_item_active():
    user = UserFactory(roles=[Role.ACCOUNT_MANAGER])
    request = RequestFactory().get(reverse("crm:my_customers"))
    request.user = user
    active = [item["url"] for item in navigation(request)["nav_items"] if item["active"]]
    assert active == [reverse("crm:my_customers")]


def test_two_role_user_sees_both_navigations_on_a_page(client):
    both = UserFactory(roles=[Role.ACCOUNT_MANAGER, Role.ADMIN], is_staff=True)
    client.force_login(both)
    response = client.get(reverse("crm:organisation_list"))
    html = response.content.decode()
    assert f'href="{reverse("crm:my_customers")}"' in html
    assert f'href="{reverse("admin:index")}"' in html


@pytest.fixture
def unit_tree():
    area = OrgUnitFactory(name="Tekniikka", kind=OrgUnit.Kind.RESULT_AREA)
    field = OrgUnitFactory(name="Kone- ja tuotantotekniikka", kind=OrgUnit.Kind.FIELD, parent=area)
    team_a = OrgUnitFactory(name="Koneistus", parent=field)
    team_b = OrgUnitFactory(name="Hitsaus", parent=field)
    other_area = OrgUnitFactory(name="Palvelut", kind=OrgUnit.Kind.RESULT_AREA)
    return area, field, team_a, team_b, other_area


def test_unit_path_runs_from_the_root(unit_tree):
    area, field, team_a, _team_b, _other = unit_tree
    assert area.path == "Tekniikka"
    assert team_a.path == "Tekniikka / Kone- ja tuotantotekniikka / Koneistus"
    assert team_a.ancestors() == [area, field]


def test_descendant_ids_include_the_unit_and_everything_below(unit_tree):
    area, field, team_a, team_b, other = unit_tree
    assert area.descendant_ids() == {area.pk, field.pk, team_a.pk, team_b.pk}
    assert field.descendant_ids() == {field.pk, team_a.pk, team_b.pk}
    assert team_a.descendant_ids() == {team_a.pk}
    assert other.pk not in area.descendant_ids()


def test_notifications_are_paginated_and_filter_to_unread(client, account_manager):
    from django.utils import timezone

    from accounts.messages import register_message
    from accounts.notifications import Notification, notify

    register_message("tests.numbered", "Ilmoitus %(number)s")
    for i in range(30):
        notify(recipient=account_manager, code="tests.numbered", params={"number": str(i)})
    Notification.objects.filter(recipient=account_manager, params__number="0").update(read_at=timezone.now())
    client.force_login(account_manager)
    first = client.get(reverse("notifications:list"))
    assert len(first.context["notifications"]) == 25 and first.context["page"].paginator.count == 30
    unread = client.get(reverse("notifications:list"), {"unread": "true"})
    assert unread.context["page"].paginator.count == 29


def test_a_notification_is_found_for_its_recipient_only(account_manager, teacher):
    from django.http import Http404

    from accounts.access import get_notification_for_user
    from accounts.notifications import notify

    notification = notify(recipient=account_manager, code="leads.offer_sent", params={"title": "Sinulle"})
    assert get_notification_for_user(account_manager, notification.pk) == (notification, True)
    with pytest.raises(Http404):
        get_notification_for_user(teacher, notification.pk)


def test_owners_write_what_they_own_unless_their_role_only_reads(teacher, management, account_manager):
    from types import SimpleNamespace

    from accounts.access import can_edit_owned
    from crm.tests.factories import OrganisationFactory

    organisation = OrganisationFactory()
    for owner, may in ((teacher, True), (management, False), (account_manager, True)):
        assert can_edit_owned(owner, SimpleNamespace(owner_id=owner.pk), organisation) is may
    assert can_edit_owned(teacher, SimpleNamespace(owner_id=account_manager.pk), organisation) is False
