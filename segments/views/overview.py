"""Segment overview, pivot table and care models."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import REGISTER_ROLES, can_see_money, role_required
from crm.access import organisation_scope, visible_organisations
from kumppani.web.csv import csv_response
from kumppani.web.figures import cached_figure
from segments import stats
from segments.filters import SegmentOrganisationFilter
from segments.forms import PeriodForm
from segments.metrics import SEGMENT_FIGURES
from segments.models import CareModel


@role_required(*REGISTER_ROLES)
def overview(request: HttpRequest) -> HttpResponse:
    period_form = PeriodForm(request.GET or None)
    date_from, date_to = period_form.period()
    organisations, today = visible_organisations(request.user), timezone.localdate()
    # Cached for every node (kumppani.web.figures), keyed by the rows the viewer may see; dropped when they change.
    figure = cached_figure(
        "segments.overview",
        lambda: stats.overview(organisations, today=today, date_from=date_from, date_to=date_to),
        key=(organisation_scope(request.user), today, date_from, date_to),
        depends_on=[SEGMENT_FIGURES],
    )
    data = figure.value
    chart = {
        "labels": [str(row["name"]) for row in data["rows"]],
        "counts": [row["count"] for row in data["rows"]],
        "colours": [row["segment"].colour if row["segment"] else "#adb5bd" for row in data["rows"]],
        "label": _("Customers"),
    }
    context = {
        **data,
        "period_form": period_form,
        "date_from": date_from,
        "date_to": date_to,
        "chart": chart,
        "show_money": can_see_money(request.user),
        "computed_at": figure.computed_at,
    }
    return render(request, "segments/overview.html", context)


@role_required(*REGISTER_ROLES)
def pivot(request: HttpRequest) -> HttpResponse:
    dimension = request.GET.get("dimension")
    if dimension not in stats.DIMENSIONS:
        dimension = "customer_group"
    organisation_filter = SegmentOrganisationFilter(request.GET or None, queryset=visible_organisations(request.user))
    table = stats.pivot(organisation_filter.qs, dimension)
    if request.GET.get("format") == "csv":
        header = [_("Dimension")] + [str(col["name"]) for col in table["columns"]] + [_("Total")]
        rows = [[row["label"], *row["cells"], row["total"]] for row in table["rows"]]
        rows.append([_("Total"), *table["column_totals"], table["total"]])
        return csv_response(f"segments-{dimension}.csv", header, rows)
    context = {
        "filter": organisation_filter,
        "table": table,
        "dimension": dimension,
        "dimensions": stats.dimension_choices(),
    }
    return render(request, "segments/pivot.html", context)


@role_required(*REGISTER_ROLES)
def care_models(request: HttpRequest) -> HttpResponse:
    models = (
        CareModel.objects.filter(is_active=True).select_related("segment").order_by("customer_group", "segment__order")
    )
    return render(request, "segments/care_models.html", {"care_models": models})
