"""My leads and the triage queue are lists like the others: htmx pages them by swapping their fragment."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import user_with_role
from leads.models import Lead
from leads.tests.factories import LeadFactory, unit_with_members

pytestmark = pytest.mark.django_db


def test_my_leads_pages_through_its_fragment(client, teacher):
    LeadFactory.create_batch(21, passed_by=teacher)
    client.force_login(teacher)
    page = client.get(reverse("leads:my_leads"))
    assert 'id="my-leads" aria-live="polite"' in page.content.decode()
    fragment = client.get(reverse("leads:my_leads"), {"page": "2"}, headers={"HX-Request": "true"})
    assert fragment.templates[0].name == "leads/my_lead_list.html"
    assert len(fragment.context["page"].object_list) == 1
    assert 'href="?page=1"' in fragment.content.decode()


def test_the_triage_queue_pages_through_its_fragment(client, settings):
    settings.PAGINATE_BY = 2
    manager = user_with_role(Role.ACCOUNT_MANAGER, email="triage@example.fi")
    unit = unit_with_members("Yrityspalvelut", members=[manager])
    LeadFactory.create_batch(3, unit=unit, assignee=None, state=Lead.State.NEW)
    client.force_login(manager)
    assert 'id="triage-list" aria-live="polite"' in client.get(reverse("leads:triage")).content.decode()
    fragment = client.get(reverse("leads:triage"), {"page": "2"}, headers={"HX-Request": "true"})
    assert fragment.templates[0].name == "leads/triage_list.html"
    assert b"<h1" not in fragment.content
    assert len(fragment.context["page"].object_list) == 1
