"""A lead someone holds is not taken from them: the head of its unit or an admin reassigns it, and the previous
assignee is told."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.models import Notification
from accounts.roles import Role
from accounts.tests.factories import user_with_role
from accounts.tests.languages import in_languages
from crm.tests.factories import OrganisationFactory
from leads import services as lead_services
from leads.models import Lead, Need
from leads.tests.factories import routes_to, unit_with_members

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(db):
    return user_with_role(Role.ACCOUNT_MANAGER, email="kollega@example.fi", first_name="Kalle", last_name="Kollega")


@pytest.fixture
def head(db):
    return user_with_role(Role.MANAGEMENT, email="head@example.fi", first_name="Heikki", last_name="Head")


@pytest.fixture
def unit(account_manager, colleague, head):
    unit = unit_with_members("Yrityspalvelut", members=[account_manager, colleague], head=head)
    routes_to(unit)
    return unit


@pytest.fixture
def colleagues_lead(teacher, colleague, unit) -> Lead:
    lead = Lead(organisation=OrganisationFactory(), need=Need.STAFF_TRAINING, description="Tarve")
    lead = lead_services.lead_pass(lead=lead, actor=teacher)
    return lead_services.lead_assign(lead=lead, assignee=colleague, actor=colleague)


def _told(user) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, code="leads.reassigned_from_you"))


def test_an_account_manager_may_not_take_a_colleagues_lead(client, account_manager, colleague, colleagues_lead):
    client.force_login(account_manager)

    assert client.post(reverse("leads:lead_take", args=[colleagues_lead.pk])).status_code == 403
    response = client.post(reverse("leads:lead_assign", args=[colleagues_lead.pk]), {"assignee": account_manager.pk})
    assert response.status_code == 403

    colleagues_lead.refresh_from_db()
    assert colleagues_lead.assignee == colleague
    assert _told(colleague) == []


def test_the_lead_page_offers_no_take_or_assign_on_a_colleagues_lead(client, account_manager, colleagues_lead):
    client.force_login(account_manager)
    html = client.get(colleagues_lead.get_absolute_url()).content.decode()
    assert reverse("leads:lead_take", args=[colleagues_lead.pk]) not in html
    assert reverse("leads:lead_assign", args=[colleagues_lead.pk]) not in html


def test_an_unassigned_lead_can_still_be_taken(client, account_manager, teacher, unit):
    lead = lead_services.lead_pass(
        lead=Lead(organisation=OrganisationFactory(), need=Need.STAFF_TRAINING, description="Tarve"), actor=teacher
    )
    client.force_login(account_manager)
    assert client.post(reverse("leads:lead_take", args=[lead.pk])).status_code == 302
    lead.refresh_from_db()
    assert lead.assignee == account_manager


def test_the_units_head_reassigns_and_the_previous_assignee_is_told(
    client, head, account_manager, colleague, colleagues_lead
):
    client.force_login(head)
    assert (
        reverse("leads:lead_assign", args=[colleagues_lead.pk])
        in client.get(colleagues_lead.get_absolute_url()).content.decode()
    )

    response = client.post(reverse("leads:lead_assign", args=[colleagues_lead.pk]), {"assignee": account_manager.pk})

    assert response.status_code == 302
    colleagues_lead.refresh_from_db()
    assert colleagues_lead.assignee == account_manager
    (notification,) = _told(colleague)
    texts = in_languages(notification)
    assert "Heikki Head" in texts["fi"] and "Anna Asiakas" in texts["fi"]
    assert texts["fi"] != texts["en"] != texts["sv"] != texts["fi"]
    assert Notification.objects.filter(recipient=account_manager, code="leads.assigned_to_you").exists()


def test_an_admin_reassigns_a_lead(client, admin, account_manager, colleague, colleagues_lead):
    client.force_login(admin)
    assert client.post(reverse("leads:lead_take", args=[colleagues_lead.pk])).status_code == 302
    colleagues_lead.refresh_from_db()
    assert colleagues_lead.assignee == admin
    assert len(_told(colleague)) == 1


def test_management_outside_the_units_head_may_not_reassign(client, management, account_manager, colleagues_lead):
    client.force_login(management)
    response = client.post(reverse("leads:lead_assign", args=[colleagues_lead.pk]), {"assignee": account_manager.pk})
    assert response.status_code == 403


def test_the_service_refuses_a_take_when_someone_got_the_lead_first(account_manager, colleagues_lead):
    # The view saw the lead unassigned; by the time the row is locked a colleague holds it.
    with pytest.raises(PermissionDenied):
        lead_services.lead_assign(lead=colleagues_lead, assignee=account_manager, actor=account_manager)
