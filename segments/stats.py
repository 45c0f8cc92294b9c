"""Read-only figures for the segment pages. Each function costs a fixed number of queries, whatever the size."""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import OrgUnit
from crm.models import CustomerGroup, Delivery, Industry, Municipality, SizeClass
from kumppani.lib.months import add_months
from segments.metrics import metrics_for
from segments.models import UNCLASSIFIED, Segment, SegmentChange, SegmentReview, Suggestion


def segment_rows(segments: list[Segment]) -> list[dict]:
    """One row per segment plus "Unclassified", in order."""
    rows = [{"code": s.code, "segment": s, "name": s.name} for s in segments]
    rows.append({"code": UNCLASSIFIED, "segment": None, "name": _("Unclassified")})
    return rows


def overview(organisations, *, today: datetime.date, date_from: datetime.date, date_to: datetime.date) -> dict:
    segments = list(Segment.objects.all())
    rows = segment_rows(segments)
    counts = {
        row["segment"]: row
        for row in organisations.values("segment").annotate(
            n=Count("pk"), overdue=Count("pk", filter=Q(next_contact_due__lt=today))
        )
    }
    value_start = add_months(today, -12)
    # One join of the customers to their deliveries of the last 12 months, grouped by segment: the customers'
    # own filter applies to the join (no second pass over them through an IN).
    counted = [status for status in Delivery.Status.values if status != Delivery.Status.CANCELLED]
    values = dict(
        organisations.filter(
            deliveries__start_date__gte=value_start, deliveries__start_date__lte=today, deliveries__status__in=counted
        )
        .order_by()
        .values("segment")
        .annotate(total=Sum("deliveries__value"))
        .values_list("segment", "total")
    )
    metrics = metrics_for(organisations)
    for row in rows:
        found = counts.get(row["code"], {})
        row["count"] = found.get("n", 0)
        row["overdue"] = found.get("overdue", 0)
        row["value"] = values.get(row["code"]) or Decimal("0")
        row["metrics"] = [metric["values"].get(row["code"]) for metric in metrics]
    start = datetime.datetime.combine(date_from, datetime.time.min)
    end = datetime.datetime.combine(date_to + datetime.timedelta(days=1), datetime.time.min)
    moves = {
        (m["from_code"], m["to_code"]): m["n"]
        for m in SegmentChange.objects.filter(
            organisation__in=organisations.values("pk"),
            changed_at__gte=timezone.make_aware(start),
            changed_at__lt=timezone.make_aware(end),
        )
        .values("from_code", "to_code")
        .annotate(n=Count("pk"))
    }
    matrix = [
        {"name": row["name"], "cells": [moves.get((row["code"], col["code"]), 0) for col in rows]} for row in rows
    ]
    totals = {
        "count": sum(r["count"] for r in rows),
        "overdue": sum(r["overdue"] for r in rows),
        "value": sum((r["value"] for r in rows), Decimal("0")),
    }
    return {
        "rows": rows,
        "metrics": metrics,
        "matrix": matrix,
        "moves_total": sum(moves.values()),
        "totals": totals,
        "pending_suggestions": Suggestion.objects.filter(
            organisation__in=organisations.values("pk"), status=Suggestion.Status.PENDING
        ).count(),
        "open_reviews": SegmentReview.objects.filter(
            organisation__in=organisations.values("pk"), resolved_at__isnull=True
        ).count(),
    }


# Pivot ---------------------------------------------------------------------------------------------------

DIMENSIONS = ("customer_group", "industry", "size_class", "municipality", "owner_municipality")


def dimension_choices() -> list[tuple[str, str]]:
    return [
        ("customer_group", gettext_lazy("Customer group")),
        ("industry", gettext_lazy("Industry (section)")),
        ("size_class", gettext_lazy("Size class")),
        ("municipality", gettext_lazy("Municipality")),
        ("owner_municipality", gettext_lazy("Owner municipality")),
    ]


def _dimension_labels(dimension: str, keys) -> dict:
    keys = [k for k in keys if k is not None]
    if dimension == "customer_group":
        return dict(CustomerGroup.choices)
    if dimension == "size_class":
        return dict(SizeClass.choices)
    if dimension == "industry":
        return {i.pk: str(i) for i in Industry.objects.filter(pk__in=keys)}
    if dimension == "municipality":
        return {m.pk: str(m) for m in Municipality.objects.filter(pk__in=keys)}
    return {True: _("Owner municipality"), False: _("Other municipality")}


def pivot(organisations, dimension: str) -> dict:
    """Customers counted by a grouping dimension (rows) and segment (columns)."""
    if dimension == "industry":
        queryset = organisations.annotate(key=Coalesce("industry__parent_id", "industry_id"))
    elif dimension == "owner_municipality":
        queryset = organisations.annotate(key=Coalesce("municipality__is_owner", False))
    else:
        field = "municipality_id" if dimension == "municipality" else dimension
        queryset = organisations.annotate(key=F(field))
    counts: dict = defaultdict(dict)
    for row in queryset.order_by().values("key", "segment").annotate(n=Count("pk")):
        counts[row["key"]][row["segment"]] = row["n"]
    columns = segment_rows(list(Segment.objects.all()))
    labels = _dimension_labels(dimension, counts.keys())
    body = []
    for key, by_segment in counts.items():
        label = labels.get(key, key) if key not in (None, "") else _("Not given")
        cells = [by_segment.get(col["code"], 0) for col in columns]
        body.append({"label": str(label), "cells": cells, "total": sum(cells)})
    body.sort(key=lambda r: (-r["total"], r["label"]))
    column_totals = [sum(r["cells"][i] for r in body) for i in range(len(columns))]
    return {"columns": columns, "rows": body, "column_totals": column_totals, "total": sum(column_totals)}


# Overdue contacts per account manager and per unit ----------------------------------------------------


def overdue_by_manager_and_unit(organisations, *, today: datetime.date) -> dict:
    overdue = organisations.filter(next_contact_due__lt=today)
    per_manager = dict(
        overdue.order_by().values("account_manager").annotate(n=Count("pk")).values_list("account_manager", "n")
    )
    users = {u.pk: u for u in get_user_model().objects.filter(pk__in=[k for k in per_manager if k is not None])}
    managers = [
        {"user": users.get(pk), "pk": pk, "count": n}
        for pk, n in sorted(per_manager.items(), key=lambda item: -item[1])
    ]
    # Per unit means the customer's responsible unit (docs/ARCHITECTURE.md "Units"), summed up the unit tree.
    per_unit = dict(
        overdue.filter(responsible_unit__isnull=False)
        .order_by()
        .values("responsible_unit")
        .annotate(n=Count("pk"))
        .values_list("responsible_unit", "n")
    )
    units = list(OrgUnit.objects.filter(is_active=True))
    children = defaultdict(list)
    for unit in units:
        children[unit.parent_id].append(unit)

    def count_below(unit) -> int:
        return per_unit.get(unit.pk, 0) + sum(count_below(child) for child in children.get(unit.pk, []))

    unit_rows = []

    def walk(parent_id, depth):
        for unit in sorted(children.get(parent_id, []), key=lambda u: u.name):
            count = count_below(unit)
            if count:
                unit_rows.append({"unit": unit, "depth": depth, "count": count})
            walk(unit.pk, depth + 1)

    walk(None, 0)
    return {"managers": managers, "units": unit_rows, "total": sum(per_manager.values())}
