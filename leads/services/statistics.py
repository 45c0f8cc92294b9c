"""Lead statistics for management: per unit and per teacher, conversion rate and time to first contact."""

from django.db import connection
from django.db.models import (
    Aggregate,
    Avg,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    Q,
)

from leads.models import (
    Lead,
)


class _Median(Aggregate):
    function = "percentile_cont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def _hours_to_first_contact():
    duration = ExpressionWrapper(F("contacted_at") - F("created_at"), output_field=DurationField())
    return Func(duration, template="EXTRACT(EPOCH FROM %(expressions)s) / 3600.0", output_field=FloatField())


def _lead_aggregates() -> dict:
    aggregates = {
        "total": Count("pk"),
        "contacted": Count("pk", filter=Q(contacted_at__isnull=False)),
        "converted": Count("pk", filter=Q(state=Lead.State.CONVERTED)),
        "closed": Count("pk", filter=Q(state=Lead.State.CLOSED)),
        "open": Count("pk", filter=Q(state__in=Lead.OPEN_STATES)),
    }
    if connection.vendor == "postgresql":
        aggregates["mean_hours"] = Avg(_hours_to_first_contact())
        aggregates["median_hours"] = _Median(_hours_to_first_contact())
    return aggregates


def _with_rate(row: dict) -> dict:
    row["conversion_rate"] = round(100 * row["converted"] / row["total"], 1) if row["total"] else None
    return row


def lead_statistics(queryset) -> dict:
    """Leads per unit and per teacher, conversion rate (converted / passed) and time to first contact.

    Three aggregate queries whatever the number of leads.
    """
    aggregates = _lead_aggregates()
    overall = _with_rate(queryset.aggregate(**aggregates))
    per_unit = [
        _with_rate(row)
        for row in queryset.values("unit_id", "unit__name").annotate(**aggregates).order_by("unit__name")
    ]
    per_teacher = [
        _with_rate(row)
        for row in queryset.values("passed_by_id", "passed_by__first_name", "passed_by__last_name", "passed_by__email")
        .annotate(**aggregates)
        .order_by("-total", "passed_by__last_name")
    ]
    return {"overall": overall, "per_unit": per_unit, "per_teacher": per_teacher}
