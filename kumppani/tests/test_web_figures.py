"""Cached figures (kumppani.web.figures): reused until their data changes, then computed afresh."""

import pytest
from django.urls import reverse
from django.utils import translation

from crm.models import Organisation
from crm.tests.factories import OrganisationFactory
from kumppani.web.figures import cached_figure, figures_touch
from segments import services
from segments.metrics import SEGMENT_FIGURES

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _figure_cache_on(settings):
    settings.FIGURE_CACHE_SECONDS = 300


class Counter:
    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return self.calls


def test_a_figure_is_computed_once_and_then_read_with_its_time():
    compute = Counter()
    first = cached_figure("test.count", compute, depends_on=["t"])
    second = cached_figure("test.count", compute, depends_on=["t"])
    assert (first.value, second.value, compute.calls) == (1, 1, 1)
    assert second.from_cache and not first.from_cache
    assert second.computed_at == first.computed_at


def test_touching_its_topic_computes_it_again_and_other_topics_keep_theirs():
    compute, other = Counter(), Counter()
    cached_figure("test.count", compute, depends_on=["t"])
    cached_figure("test.other", other, depends_on=["u"])
    figures_touch("t")
    assert cached_figure("test.count", compute, depends_on=["t"]).value == 2
    assert cached_figure("test.other", other, depends_on=["u"]).value == 1


def test_the_key_and_the_language_keep_figures_apart():
    compute = Counter()
    cached_figure("test.count", compute, key=("all",), depends_on=["t"])
    cached_figure("test.count", compute, key=("active",), depends_on=["t"])
    with translation.override("sv"):
        cached_figure("test.count", compute, key=("all",), depends_on=["t"])
    assert compute.calls == 3


def test_a_change_is_touched_again_after_its_commit(django_capture_on_commit_callbacks):
    # A node that computed between the write and the commit stored old rows under the first bump's version.
    compute = Counter()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        figures_touch("t")
        cached_figure("test.count", compute, depends_on=["t"])  # "another node", before the commit
    assert cached_figure("test.count", compute, depends_on=["t"]).value == 1
    for callback in callbacks:
        callback()
    assert cached_figure("test.count", compute, depends_on=["t"]).value == 2


def test_caching_off_computes_each_time_and_touches_nothing(settings, django_capture_on_commit_callbacks):
    settings.FIGURE_CACHE_SECONDS = 0
    compute = Counter()
    cached_figure("test.count", compute, depends_on=["t"])
    assert cached_figure("test.count", compute, depends_on=["t"]).value == 2
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        figures_touch("t")
    assert callbacks == []


def _overview_count(client, code: str) -> int:
    response = client.get(reverse("segments:overview"))
    assert response.status_code == 200
    return next(row["count"] for row in response.context["rows"] if row["code"] == code)


def test_the_segment_overview_is_cached_and_says_when_it_was_computed(client, management):
    OrganisationFactory(segment="key")
    client.force_login(management)
    first = client.get(reverse("segments:overview"))
    second = client.get(reverse("segments:overview"))
    assert second.context["computed_at"] == first.context["computed_at"]
    assert "Luvut laskettu" in second.content.decode()


def test_a_new_customer_refreshes_the_overview(client, management):
    client.force_login(management)
    assert _overview_count(client, "key") == 0
    OrganisationFactory(segment="key")
    assert _overview_count(client, "key") == 1


def test_a_segment_change_refreshes_the_overview(client, management, account_manager):
    organisation = OrganisationFactory(segment="key")
    client.force_login(management)
    assert _overview_count(client, "regular") == 0
    services.segment_change(organisation=organisation, to_code="regular", actor=account_manager, reason="Kasvaa")
    assert _overview_count(client, "regular") == 1
    assert _overview_count(client, "key") == 0


def test_a_bulk_write_that_touches_the_topic_refreshes_the_overview(client, management):
    organisation = OrganisationFactory(segment="key")
    client.force_login(management)
    assert _overview_count(client, "key") == 1
    # update() sends no model signal: the service that writes so touches the topic itself.
    Organisation.objects.filter(pk=organisation.pk).update(segment="regular")
    assert _overview_count(client, "key") == 1
    figures_touch(SEGMENT_FIGURES)
    assert _overview_count(client, "key") == 0


def test_next_contact_recompute_refreshes_the_overdue_counts(client, management):
    import datetime

    from django.utils import timezone

    organisation = OrganisationFactory(
        segment="key", next_contact_due=timezone.localdate() + datetime.timedelta(days=5)
    )
    client.force_login(management)
    response = client.get(reverse("segments:overview"))
    assert sum(row["overdue"] for row in response.context["rows"]) == 0
    Organisation.objects.filter(pk=organisation.pk).update(
        last_contact_at=timezone.now() - datetime.timedelta(days=900)
    )
    services.next_contacts_recompute()
    response = client.get(reverse("segments:overview"))
    assert sum(row["overdue"] for row in response.context["rows"]) == 1
