"""My work shows ~25 rows a section with the section's count, and "show all" pages through the rest."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from crm.tests.factories import OrganisationFactory
from crm.views.my_work import SECTION_ROWS

pytestmark = pytest.mark.django_db


def _contacts_due(user, count: int) -> None:
    overdue = timezone.localdate() - datetime.timedelta(days=3)
    for i in range(count):
        OrganisationFactory(account_manager=user, next_contact_due=overdue, name=f"Asiakas {i:03d}")


def test_a_long_section_shows_its_first_rows_its_count_and_a_way_to_the_rest(client, account_manager):
    _contacts_due(account_manager, SECTION_ROWS + 5)
    client.force_login(account_manager)
    response = client.get(reverse("crm:my_work"))
    (overdue,) = response.context["shown"]
    assert overdue["code"] == "overdue"
    assert len(overdue["rows"]) == SECTION_ROWS
    assert overdue["count"] == SECTION_ROWS + 5
    assert len(response.context["sections"]["overdue"]) == SECTION_ROWS + 5
    assert b'href="?section=overdue"' in response.content
    assert response.content.count(b'class="list-group-item') == SECTION_ROWS


def test_show_all_pages_through_one_section(client, account_manager):
    _contacts_due(account_manager, SECTION_ROWS + 5)
    client.force_login(account_manager)
    first = client.get(reverse("crm:my_work"), {"section": "overdue"})
    assert first.status_code == 200
    assert first.context["page"].paginator.count == SECTION_ROWS + 5
    assert first.content.count(b'class="list-group-item') == SECTION_ROWS
    second = client.get(reverse("crm:my_work"), {"section": "overdue", "page": 2})
    assert second.content.count(b'class="list-group-item') == 5
    assert b"Asiakas 029" in second.content


def test_a_short_section_has_no_show_all(client, account_manager):
    _contacts_due(account_manager, 3)
    client.force_login(account_manager)
    response = client.get(reverse("crm:my_work"))
    assert b"?section=" not in response.content
    assert response.content.count(b'class="list-group-item') == 3
