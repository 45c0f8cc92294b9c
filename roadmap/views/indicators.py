"""Indicators: the list, an indicator's page (targets, measurements), live figures and their drill-down rows."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import role_required
from accounts.idempotency import idempotent_create
from accounts.messages import localised
from kumppani.web.csv import csv_response
from kumppani.web.htmx import render_list
from kumppani.web.pagination import paginate
from roadmap import services
from roadmap.access import READER_ROLES, WRITER_ROLES, get_indicator_for_user, get_rw_indicator_for_user
from roadmap.filters import period_filter
from roadmap.forms import MeasurementForm
from roadmap.live import LIVE_INDICATORS, LiveIndicator
from roadmap.models import Indicator
from roadmap.snapshots import latest_snapshots


def _live(code: str) -> LiveIndicator:
    indicator = LIVE_INDICATORS.get(code)
    if indicator is None:
        raise Http404
    return indicator


def _plain(cell):
    return cell[0] if isinstance(cell, tuple) else cell


def _csv(name: str, header, table) -> HttpResponse:
    return csv_response(f"{name}.csv", [str(h) for h in header], ([_plain(c) for c in row] for row in table))


@role_required(*READER_ROLES)
def indicator_list(request: HttpRequest) -> HttpResponse:
    """Every indicator: those measured by hand with this year's target, and the live ones."""
    year = timezone.localdate().year
    indicators = list(Indicator.objects.filter(is_active=True).prefetch_related("targets"))
    for indicator in indicators:
        indicator.this_year = next((t.value for t in indicator.targets.all() if t.year == year), None)
    rows = [[localised(i, "name"), i.get_kind_display(), i.unit, i.this_year] for i in indicators]
    header = [_("Indicator"), _("Kind"), _("Unit of measure"), _("Target %(year)s") % {"year": year}]
    if request.GET.get("format") == "csv":
        return _csv("indicators", header, rows)
    context = {"indicators": indicators, "live": LIVE_INDICATORS.values(), "year": year}
    return render(request, "roadmap/indicator_list.html", context)


@role_required(*READER_ROLES)
def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    indicator, may_write = get_indicator_for_user(request.user, pk)
    return _indicator_page(request, indicator, may_write, MeasurementForm(indicator=indicator) if may_write else None)


def _indicator_page(request, indicator: Indicator, may_write: bool, form, status: int = 200) -> HttpResponse:
    measurements = list(
        indicator.measurements.select_related("unit", "entered_by").order_by("-measured_on", "-pk")[:200]
    )
    targets = list(indicator.targets.all())
    header = [_("Date"), _("Assessment") if indicator.is_qualitative else _("Value"), _("Unit"), _("Comment")]
    table = [
        [m.measured_on, m.assessment if indicator.is_qualitative else m.value, m.unit or "", m.comment]
        for m in measurements
    ]
    if request.GET.get("format") == "csv":
        return _csv(f"indicator-{indicator.pk}", header, table)
    chart = {
        "labels": [m.measured_on.isoformat() for m in reversed(measurements)],
        "series": [
            {
                "label": localised(indicator, "name"),
                "data": [float(m.assessment if indicator.is_qualitative else m.value) for m in reversed(measurements)],
            }
        ],
    }
    context = {
        "indicator": indicator,
        "may_write": may_write,
        "form": form,
        "measurements": measurements,
        "targets": targets,
        "chart": chart,
        "live": LIVE_INDICATORS.get(indicator.live_code),
    }
    return render(request, "roadmap/indicator_detail.html", context, status=status)


@require_POST
@role_required(*WRITER_ROLES)
@idempotent_create
def measurement_add(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_rw_indicator_for_user(request.user, pk)
    form = MeasurementForm(request.POST, indicator=indicator)
    if not form.is_valid():
        return _indicator_page(request, indicator, True, form, status=400)
    services.measurement_add(measurement=form.save(commit=False), actor=request.user)
    messages.success(request, _("The measurement was recorded."))
    return redirect(indicator)


@role_required(*READER_ROLES)
def live_detail(request: HttpRequest, code: str) -> HttpResponse:
    """A live figure: its definition in words, the figure and its table (each number drills down), snapshots."""
    live = _live(code)
    filters = period_filter(request)
    ctx = filters.context(request.user)
    result = live.compute(ctx)
    if request.GET.get("format") == "csv":
        return _csv(live.code, result.header, result.table)
    snapshots = latest_snapshots(live.code) if live.snapshot else []
    context = {
        "live": live,
        "result": result,
        "filters": filters,
        "period": ctx.period,
        "snapshots": snapshots,
        "chart_data": _chart(result),
        "query": request.GET.urlencode(),
    }
    return render(request, "roadmap/live_detail.html", context)


def _chart(result) -> dict | None:
    if not result.chart:
        return None
    labels, series = result.chart
    return {"labels": labels, "series": [{"label": label, "data": values} for label, values in series]}


@role_required(*READER_ROLES)
def live_rows(request: HttpRequest, code: str, part: str) -> HttpResponse:
    """The rows behind one number of a live figure: exactly those it counts, of customers the viewer sees."""
    live = _live(code)
    filters = period_filter(request)
    ctx = filters.context(request.user)
    try:
        rows = live.rows(ctx, part)
    except ValueError as exc:
        raise Http404 from exc
    if request.GET.get("format") == "csv":
        return csv_response(
            f"{live.code}-{part}.csv",
            [str(c.label) for c in live.columns],
            ([c.value(row) for c in live.columns] for row in rows.iterator(chunk_size=2000)),
        )
    page = paginate(request, rows)
    cells = [[(c.value(row), c.link(row) if c.link else "") for c in live.columns] for row in page.object_list]
    context = {
        "live": live,
        "part": part,
        "part_label": live.parts.get(part, ""),
        "page": page,
        "cells": cells,
        "filters": filters,
        "period": ctx.period,
        "query": request.GET.urlencode(),
    }
    return render_list(request, "roadmap/live_rows.html", "roadmap/live_rows_table.html", context)
