"""The feedback figures page: NPS with its counts, response rate and ± interval, per period and breakdown,
the quarterly trend against the baseline, direct feedback, the loop's timeliness, and the latest comments."""

import datetime

from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import role_required
from accounts.messages import localised
from accounts.models import OrgUnit
from crm.models import ContactRole, CustomerGroup, ServiceType
from feedback import figures
from feedback.access import FIGURE_ROLES, figure_responses, sees_every_answer, visible_actions, visible_responses
from feedback.forms import FiguresFilterForm
from segments.models import Segment

TREND_YEARS = 3


def _labels(field: str, keys) -> dict:
    """Names for a breakdown's keys, one query per breakdown."""
    ids = [k for k in keys if k is not None]
    if field == "unit":
        return {u.pk: u.name for u in OrgUnit.objects.filter(pk__in=ids)}
    if field == "account_manager":
        return {u.pk: u.get_full_name() or u.email for u in get_user_model().objects.filter(pk__in=ids)}
    if field == "service_type":
        return {s.pk: localised(s, "name") for s in ServiceType.objects.filter(pk__in=ids)}
    if field == "role":
        return {r.pk: r.name for r in ContactRole.objects.filter(pk__in=ids)}
    if field == "segment":
        return {s.code: s.name for s in Segment.objects.filter(code__in=ids)}
    if field == "customer_group":
        return dict(CustomerGroup.choices)
    return {}


BREAKDOWNS = [
    ("segment", _("Segment")),
    ("customer_group", _("Customer group")),
    ("unit", _("Unit")),
    ("service_type", _("Service type")),
    ("account_manager", _("Account manager")),
    ("role", _("Respondent's role")),
]


def _breakdowns(user, responses) -> list[dict]:
    tables = []
    for field, title in BREAKDOWNS:
        scoped = responses
        if field == "account_manager" and not sees_every_answer(user):
            scoped = responses.filter(account_manager=user)  # others' own figures are theirs and their heads'
        rows = figures.breakdown(scoped, field)
        names = _labels(field, [key for key, _nps in rows])
        tables.append(
            {
                "field": field,
                "title": title,
                "rows": [{"label": names.get(key) or _("Not known"), "nps": nps} for key, nps in rows],
            }
        )
    return tables


@role_required(*FIGURE_ROLES)
def figures_page(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = FiguresFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    start = data.get("start") or today - datetime.timedelta(days=365)
    end = data.get("end") or today
    unit = data.get("unit")
    unit_ids = unit.descendant_ids() if unit else None
    responses = figure_responses(request.user)
    if unit_ids is not None:
        responses = responses.filter(unit_id__in=unit_ids)
    period = figures.in_period(responses, start, end)
    trend_start = today.replace(month=1, day=1) - datetime.timedelta(days=365 * (TREND_YEARS - 1))
    trend = figures.quarterly(figures.in_period(responses, trend_start, today))
    baseline = figures.baseline()
    positive, answered = figures.positive_share(period)
    actions = visible_actions(request.user).filter(created_at__date__gte=start, created_at__date__lte=end)
    context = {
        "form": form,
        "start": start,
        "end": end,
        "overall": figures.nps_for_period(start, end, responses=responses, unit_ids=unit_ids),
        "breakdowns": _breakdowns(request.user, period),
        "trend": trend,
        "baseline": baseline,
        "chart": {
            "labels": [f"{q.year} Q{(q.month - 1) // 3 + 1}" for q, _nps in trend],
            "nps": [nps.rounded for _q, nps in trend],
            "label": _("NPS"),
            "baseline": baseline.value if baseline else None,
            "baseline_label": _("Baseline %(year)s") % {"year": baseline.year} if baseline else "",
        },
        "positive": positive,
        "positive_total": answered,
        "positive_share": positive * 100 / answered if answered else None,
        "direct": figures.direct_counts(period),
        "loop": figures.loop_figures(actions),
        "comments": (
            figures.in_period(visible_responses(request.user), start, end)
            .exclude(comment="")
            .select_related("organisation", "role")
            .order_by("-answered_at")[:20]
        ),
    }
    return render(request, "feedback/figures.html", context)
