"""Two people edit one care plan or one meeting's minutes: the second is shown the first's change, nothing is lost."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import user_with_role
from care_plans.tests.factories import CarePlanFactory
from kumppani.tests.browser_forms import posted_data

pytestmark = pytest.mark.django_db


def _clients(account_manager):
    colleague = user_with_role(Role.ACCOUNT_MANAGER, email="bo@example.fi", first_name="Bo", last_name="Berg")
    first, second = Client(), Client()
    first.force_login(account_manager)
    second.force_login(colleague)
    return first, second


def test_the_second_save_of_a_care_plan_is_asked_not_applied(account_manager):
    plan = CarePlanFactory(customer_goals="Alku", owner=account_manager)
    url = reverse("care_plans:plan_edit", args=[plan.pk])
    anna, bo = _clients(account_manager)
    page = anna.get(url)
    assert 'name="edit_version"' in page.content.decode()
    annas = posted_data(page.context["form"])
    bos = posted_data(bo.get(url).context["form"])

    assert anna.post(url, {**annas, "customer_goals": "Annan tavoitteet"}).status_code == 302
    response = bo.post(url, {**bos, "customer_goals": "Bon tavoitteet"})
    assert response.status_code == 200
    [conflict] = response.context["form"].edit_conflicts
    assert (conflict.theirs, conflict.mine) == ("Annan tavoitteet", "Bon tavoitteet")
    plan.refresh_from_db()
    assert plan.customer_goals == "Annan tavoitteet"

    again = {**posted_data(response.context["form"]), conflict.input_name: "theirs"}
    assert bo.post(url, again).status_code == 302
    plan.refresh_from_db()
    assert plan.customer_goals == "Annan tavoitteet"
