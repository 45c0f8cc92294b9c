"""The segment overview, pivot and lists cost the same queries for a few customers as for many."""

import pytest
from django.urls import reverse

from crm.tests.test_query_counts import PAGE_BUDGET, _assert_flat, _organisations

pytestmark = pytest.mark.django_db

FEW, MANY = 5, 30


def _segmented(count: int) -> None:
    for i, organisation in enumerate(_organisations(count)):
        organisation.segment = ("key", "regular", "potential", "")[i % 4]
        organisation.save(update_fields=["segment"])


@pytest.mark.parametrize(
    "url",
    [
        reverse("segments:overview"),
        reverse("segments:pivot"),
        reverse("segments:pivot") + "?dimension=industry",
        reverse("segments:segment_list", args=["key"]),
    ],
)
def test_segment_pages_stay_within_the_budget(client, account_manager, url):
    client.force_login(account_manager)
    _segmented(FEW)
    assert _assert_flat(client, url, lambda: _segmented(MANY - FEW)) <= PAGE_BUDGET


def test_overdue_list_query_count_is_flat(client, account_manager):
    client.force_login(account_manager)
    _segmented(FEW)
    _assert_flat(client, reverse("segments:overdue"), lambda: _segmented(MANY - FEW))
