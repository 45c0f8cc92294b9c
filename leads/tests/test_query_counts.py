"""The lead list costs the same queries for a few leads as for many, for every reader."""

import pytest
from django.urls import reverse

from crm.tests.factories import OrganisationFactory
from crm.tests.test_query_counts import PAGE_BUDGET, _assert_flat
from leads.tests.factories import LeadFactory

pytestmark = pytest.mark.django_db


def _leads(count: int) -> None:
    for i in range(count):
        LeadFactory(organisation=OrganisationFactory(is_archived=i % 5 == 0))


@pytest.mark.parametrize("role", ["account_manager", "management", "admin"])
@pytest.mark.parametrize("query", ["", "?open=open", "?q=Testiyritys"])
def test_lead_list_stays_within_the_budget(client, request, role, query):
    client.force_login(request.getfixturevalue(role))
    _leads(5)
    assert _assert_flat(client, reverse("leads:lead_list") + query, lambda: _leads(25)) <= PAGE_BUDGET
