"""Management's first page: roadmap progress by theme and column, and the live indicators against targets."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.access import role_required
from accounts.messages import localised
from kumppani.web.csv import csv_response
from roadmap.access import READER_ROLES, can_write_roadmap
from roadmap.filters import period_filter
from roadmap.live import LIVE_INDICATORS
from roadmap.models import IndicatorTarget, Roadmap
from roadmap.progress import goals_at_risk, state_counts

# The figures on the dashboard, in this order; each links to its own page with the rest.
DASHBOARD_FIGURES = (
    "plan_coverage",
    "aftercare_on_time",
    "within_rhythm",
    "teacher_leads",
    "new_customers",
    "visits",
    "delivery_value",
    "nps",
)


def _targets(year: int) -> dict[str, tuple]:
    """Per live code, the admin's indicator for it and this year's target (one query)."""
    found = {}
    for target in (
        IndicatorTarget.objects.filter(year=year, indicator__is_active=True)
        .exclude(indicator__live_code="")
        .select_related("indicator")
    ):
        found[target.indicator.live_code] = (target.indicator, target.value)
    return found


def _chart(result, target) -> dict:
    """Chart data from the figure's own series, else from its first table row; the target as a second series."""
    if result.chart:
        labels, series = result.chart
        data = {"labels": labels, "series": [{"label": label, "data": values} for label, values in series]}
    else:
        row = result.table[0] if result.table else []
        values = [float(cell[0]) if isinstance(cell, tuple) else None for cell in row]
        data = {"labels": [str(h) for h in result.header[: len(values)]], "series": [{"label": "", "data": values}]}
    if target is not None and result.value is not None:
        data["target"] = float(target)
        data["target_label"] = _("Target")
    return data


@role_required(*READER_ROLES)
def dashboard(request: HttpRequest) -> HttpResponse:
    filters = period_filter(request)
    ctx = filters.context(request.user)
    result_area = filters.chosen_result_area()
    roadmap = Roadmap.objects.select_related("owner").prefetch_related("themes").first()
    progress = state_counts(roadmap, result_area) if roadmap else None
    if request.GET.get("format") == "csv":
        return _progress_csv(progress)
    targets = _targets(ctx.period.end.year)
    figures = []
    for code in DASHBOARD_FIGURES:
        live = LIVE_INDICATORS[code]
        result = live.compute(ctx)
        indicator, target = targets.get(code, (None, None))
        figures.append(
            {
                "live": live,
                "result": result,
                "target": target,
                "indicator": indicator,
                "chart": _chart(result, target),
                "chart_id": f"chart-{code}",
                "csv_url": f"{reverse('roadmap:live_detail', args=[code])}?format=csv&{request.GET.urlencode()}",
            }
        )
    context = {
        "roadmap": roadmap,
        "progress": progress,
        "at_risk": goals_at_risk(roadmap, result_area) if roadmap else [],
        "figures": figures,
        "filters": filters,
        "period": ctx.period,
        "query": request.GET.urlencode(),
        "may_write": can_write_roadmap(request.user),
    }
    return render(request, "roadmap/dashboard.html", context)


def _progress_csv(progress) -> HttpResponse:
    if progress is None:
        return csv_response("roadmap-progress.csv", [_("Theme")], [])
    header = [_("Theme"), _("Column"), *[label for _code, label in progress["states"]]]
    rows = []
    for row in progress["rows"]:
        for (_year, column), counts in zip(progress["columns"], row["cells"], strict=True):
            rows.append([localised(row["theme"], "name"), column, *counts])
    return csv_response("roadmap-progress.csv", header, rows)
