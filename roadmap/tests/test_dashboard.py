"""Management's first page: roadmap progress by theme and column, at-risk goals first, figures with charts."""

import datetime
import json
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import OrgUnit
from accounts.tests.factories import OrgUnitFactory
from care_plans.models import CarePlan
from care_plans.tests.factories import CarePlanFactory
from crm.tests.factories import OrganisationFactory
from roadmap.loader import load_gradia_roadmap
from roadmap.models import Goal, IndicatorTarget
from roadmap.tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def test_management_lands_on_the_dashboard(client, management):
    client.force_login(management)
    assert client.get("/")["Location"] == reverse("roadmap:dashboard")


def test_the_dashboard_counts_goals_by_theme_column_and_state_at_risk_first(client, management):
    load_gradia_roadmap()
    risky = Goal.objects.get(theme__order=3, year=2021, order=1)
    risky.state = Goal.State.AT_RISK
    risky.save()
    client.force_login(management)

    response = client.get(reverse("roadmap:dashboard"))

    progress = response.context["progress"]
    assert [s["code"] for s in progress["state_totals"]] == ["at_risk", "not_started", "in_progress", "done"]
    assert [s["count"] for s in progress["state_totals"]] == [1, 31, 0, 0]
    third = progress["rows"][2]["cells"]
    assert third[1] == [1, 1, 0, 0]  # 2021: one at risk, one not started
    assert response.context["at_risk"] == [risky]
    html = response.content.decode()
    assert html.index('class="alert alert-warning"') < html.index('id="progress-table"')


def test_the_result_area_filter_counts_only_its_goals(client, management):
    load_gradia_roadmap()
    area = OrgUnitFactory(kind=OrgUnit.Kind.RESULT_AREA, name="Aikuiskoulutus")
    Goal.objects.filter(pk=Goal.objects.first().pk).update(result_area=area)
    client.force_login(management)
    response = client.get(reverse("roadmap:dashboard"), {"result_area": area.pk})
    assert sum(s["count"] for s in response.context["progress"]["state_totals"]) == 1


def test_figures_are_charted_from_a_json_script_with_a_table_and_a_target(client, management):
    covered = OrganisationFactory(segment="key")
    CarePlanFactory(organisation=covered, status=CarePlan.Status.ACTIVE)
    OrganisationFactory(segment="key")
    indicator = IndicatorFactory(live_code="plan_coverage")
    IndicatorTarget.objects.create(indicator=indicator, year=datetime.date.today().year, value=Decimal("80"))
    client.force_login(management)

    html = client.get(reverse("roadmap:dashboard")).content.decode()

    data = json.loads(html.split('id="chart-plan_coverage" type="application/json">')[1].split("</script>")[0])
    assert data["series"][0]["data"] == [1.0, 1.0, 2.0] and data["target"] == 80.0
    assert reverse("roadmap:live_rows", args=["plan_coverage", "with"]) in html
    assert 'data-chart="chart-plan_coverage"' in html


def test_the_progress_table_exports_as_csv(client, account_manager):
    load_gradia_roadmap()
    client.force_login(account_manager)
    response = client.get(reverse("roadmap:dashboard"), {"format": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert text.count("\n") == 1 + 5 * 3 and "Asiakaskokemus;2020–2023" in text


def test_the_dashboard_stays_within_its_query_budget(client, management, django_assert_max_num_queries):
    load_gradia_roadmap()
    for segment in ("key", "strategic", "regular"):
        for _ in range(3):
            CarePlanFactory(organisation=OrganisationFactory(segment=segment))
    client.force_login(management)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("roadmap:dashboard")).status_code == 200
