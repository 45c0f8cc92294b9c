"""Indicators measured by hand, qualitative assessments, and the nightly snapshot of live figures."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from crm.tests.factories import OrganisationFactory
from roadmap.models import Indicator, IndicatorTarget, Measurement, Snapshot
from roadmap.schedule import periodic_tasks
from roadmap.snapshots import snapshots_take
from roadmap.tasks import snapshots_task
from roadmap.tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def test_management_enters_a_measurement_by_hand(client, management):
    indicator = IndicatorFactory(baseline=Decimal("58"), baseline_year=2018)
    IndicatorTarget.objects.create(indicator=indicator, year=2026, value=Decimal("65"))
    client.force_login(management)

    response = client.post(
        reverse("roadmap:measurement_add", args=[indicator.pk]),
        {"measured_on": "2026-03-01", "value": "61,5", "comment": "Kevät"},
    )

    assert response.status_code == 302
    measurement = Measurement.objects.get()
    assert (measurement.value, measurement.entered_by) == (Decimal("61.50"), management)
    page = client.get(indicator.get_absolute_url()).content.decode()
    assert "58 (2018)" in page and "2026: 65" in page and 'id="measurements-data"' in page


def test_a_qualitative_indicator_takes_a_dated_assessment_on_its_scale(client, management):
    indicator = IndicatorFactory(kind=Indicator.Kind.QUALITATIVE, scale_max=5, unit="")
    client.force_login(management)
    url = reverse("roadmap:measurement_add", args=[indicator.pk])

    assert client.post(url, {"measured_on": "2026-03-01", "assessment": "6"}).status_code == 400
    assert client.post(url, {"measured_on": "2026-03-01", "assessment": "4", "comment": "Hyvä"}).status_code == 302

    assert Measurement.objects.get().assessment == 4


def test_account_managers_read_indicators_but_enter_nothing(client, account_manager):
    indicator = IndicatorFactory()
    client.force_login(account_manager)
    assert client.get(indicator.get_absolute_url()).status_code == 200
    url = reverse("roadmap:measurement_add", args=[indicator.pk])
    assert client.post(url, {"measured_on": "2026-03-01", "value": "1"}).status_code == 403


def test_the_indicator_list_exports_as_csv(client, management):
    IndicatorFactory(name_fi="Asiakastyytyväisyys")
    client.force_login(management)
    response = client.get(reverse("roadmap:indicator_list") + "?format=csv")
    assert "Asiakastyytyväisyys" in b"".join(response.streaming_content).decode("utf-8-sig")


def test_the_nightly_snapshot_records_the_figures_without_history_and_says_when(client, management):
    OrganisationFactory(segment="key", next_contact_due=datetime.date(2099, 1, 1))

    assert snapshots_task() == 3
    assert snapshots_take() == 3

    assert set(Snapshot.objects.values_list("code", flat=True)) == {"plan_coverage", "within_rhythm", "per_segment"}
    rhythm = Snapshot.objects.filter(code="within_rhythm").first()
    assert (rhythm.numerator, rhythm.denominator, rhythm.value) == (1, 1, Decimal("100.0"))
    client.force_login(management)
    page = client.get(reverse("roadmap:live_detail", args=["within_rhythm"])).content.decode()
    assert "Yölliset tallennukset" in page
    assert any(task == "roadmap.tasks.snapshots_task" for _name, task, _cron in periodic_tasks())
