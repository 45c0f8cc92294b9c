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
    assert len(response.context["sections"]["overdue"]) == SECTION_ROWS  # only the rows shown are built
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


def test_a_section_counts_every_item_past_what_it_builds(client, account_manager):
    """The count is the section's whole count (it stopped at 200 when each source built its list)."""
    from crm.models import Organisation

    overdue = timezone.localdate() - datetime.timedelta(days=3)
    template = OrganisationFactory(account_manager=account_manager, next_contact_due=overdue)
    Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"Massa {i:03d}",
                account_manager=account_manager,
                next_contact_due=overdue,
                municipality_id=template.municipality_id,
                responsible_unit_id=template.responsible_unit_id,
            )
            for i in range(230)
        ]
    )
    client.force_login(account_manager)
    response = client.get(reverse("crm:my_work"))
    (section,) = response.context["shown"]
    assert section["count"] == 231
    assert len(section["rows"]) == SECTION_ROWS
    last = client.get(reverse("crm:my_work"), {"section": "overdue", "page": 10})
    assert last.context["page"].number == 10
    assert last.content.count(b'class="list-group-item') == 231 - 9 * SECTION_ROWS


def test_sources_merge_by_due_date_and_a_list_source_still_works(client, account_manager, monkeypatch):
    from crm import my_work

    today = timezone.localdate()
    OrganisationFactory(account_manager=account_manager, next_contact_due=today - datetime.timedelta(days=1))
    OrganisationFactory(account_manager=account_manager, next_contact_due=today - datetime.timedelta(days=5))
    older = my_work.WorkItem(
        title="Vanha tehtävä", due=today - datetime.timedelta(days=3), kind="x", kind_label="X", url="/x/"
    )
    undated = my_work.WorkItem(title="Ilman päivää", due=None, kind="x", kind_label="X", url="/y/")
    monkeypatch.setitem(
        my_work._SOURCES, "list_source", my_work.Source("list_source", 5, function=lambda u, t, h: [older, undated])
    )
    client.force_login(account_manager)
    sections = client.get(reverse("crm:my_work")).context["sections"]
    assert [item.due for item in sections["overdue"]] == [
        today - datetime.timedelta(days=5),
        today - datetime.timedelta(days=3),
        today - datetime.timedelta(days=1),
    ]
    assert [item.title for item in sections["undated"]] == ["Ilman päivää"]
