"""A user's primary unit: one of their units, the only one by default, checked in the model and the admin."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import User
from accounts.services import user_units_set
from accounts.tests.factories import OrgUnitFactory, UserFactory

pytestmark = pytest.mark.django_db

NOT_A_MEMBER = "Ensisijaisen yksikön on oltava yksi käyttäjän yksiköistä."


def test_the_primary_unit_must_be_one_of_the_users_units():
    user = UserFactory()
    user.units.add(OrgUnitFactory())
    user.primary_unit = OrgUnitFactory()
    with pytest.raises(ValidationError) as error:
        user.full_clean(exclude=["password"])
    assert error.value.message_dict == {"primary_unit": [NOT_A_MEMBER]}


def test_a_user_in_exactly_one_unit_has_it_as_the_primary_unit():
    user = UserFactory()
    assert user.primary_unit_or_none() is None
    first, second = OrgUnitFactory(name="A-tiimi"), OrgUnitFactory(name="B-tiimi")
    user.units.add(first)
    assert user.primary_unit_or_none() == first
    user.units.add(second)
    assert user.primary_unit_or_none() is None  # two units and none chosen: nobody guesses
    user.primary_unit = second
    assert user.primary_unit_or_none() == second


def test_user_units_set_stores_the_only_unit_as_primary_and_checks_the_choice():
    unit, other = OrgUnitFactory(), OrgUnitFactory()
    user = user_units_set(user=UserFactory(), units=[unit])
    user.refresh_from_db()
    assert user.primary_unit == unit and list(user.units.all()) == [unit]
    with pytest.raises(ValidationError):
        user_units_set(user=user, units=[unit], primary_unit=other)
    user = user_units_set(user=user, units=[unit, other], primary_unit=other)
    assert User.objects.get(pk=user.pk).primary_unit == other


def _change_data(user: User, **overrides) -> dict:
    data = {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "title": "",
        "phone": "",
        "language": "fi",
        "groups": [],
        "units": [],
        "primary_unit": "",
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "08:00:00",
    }
    return {**data, **overrides}


def _change_url(user: User) -> str:
    return reverse("admin:accounts_user_change", args=[user.pk])


def test_admin_refuses_a_primary_unit_outside_the_users_units_next_to_the_field(client, admin):
    user = UserFactory()
    unit, other = OrgUnitFactory(), OrgUnitFactory()
    client.force_login(admin)
    response = client.post(_change_url(user), _change_data(user, units=[unit.pk], primary_unit=other.pk))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"primary_unit": [NOT_A_MEMBER]}
    assert NOT_A_MEMBER in response.content.decode()


def test_admin_takes_the_only_unit_as_primary_and_accepts_a_unit_added_in_the_same_save(client, admin):
    user = UserFactory()
    first, second = OrgUnitFactory(), OrgUnitFactory()
    client.force_login(admin)
    response = client.post(_change_url(user), _change_data(user, units=[first.pk]))
    assert response.status_code == 302, response.context["adminform"].form.errors
    user.refresh_from_db()
    assert user.primary_unit == first
    response = client.post(_change_url(user), _change_data(user, units=[first.pk, second.pk], primary_unit=second.pk))
    assert response.status_code == 302, response.context["adminform"].form.errors
    user.refresh_from_db()
    assert user.primary_unit == second
    assert user.history.first().primary_unit_id == second.pk  # history keeps the field


def test_admin_add_form_sets_the_primary_unit(client, admin):
    unit = OrgUnitFactory()
    client.force_login(admin)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {"email": "uusi@example.fi", "usable_password": "false", "units": [unit.pk], "primary_unit": ""},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert User.objects.get(email="uusi@example.fi").primary_unit == unit
