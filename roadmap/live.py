"""Live indicators: every figure computed from the CRM's own data is defined here, and only here.

Each `LiveIndicator` says in words what it counts (numerator, denominator, the date it goes by, the period, all
in Europe/Helsinki) and has two functions over the same querysets, so the number and its drill-down cannot
disagree: `compute(ctx)` gives the figure and its table, `rows(ctx, part)` the rows behind one number of it.
Every queryset starts from what the viewer may see (crm.access / care_plans.access / leads.access).

A new indicator is one `register(LiveIndicator(...))` call with its two functions; NPS is the example of how
one from an app that arrives later is added.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Min, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear, TruncMonth
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.models import OrgUnit
from accounts.roles import Role
from care_plans.access import visible_followups
from care_plans.models import CarePlan, FollowUp
from crm.access import visible_organisations
from crm.models import Delivery, Interaction, Organisation, ServiceType
from feedback.figures import in_period
from feedback.models import Response
from feedback.services.answers import nps_counts
from kumppani.lib.months import add_months
from leads.access import visible_leads
from leads.models import Lead
from segments.models import Segment, SegmentChange

KEY_SEGMENTS = ("strategic", "key")
OPEN_PLAN = (CarePlan.Status.ACTIVE, CarePlan.Status.UNDER_REVIEW)


@dataclass(frozen=True)
class Period:
    """Whole days from `start` to `end` inclusive, in Europe/Helsinki."""

    start: datetime.date
    end: datetime.date

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """[start 00:00, the day after end 00:00) as aware datetimes in Helsinki (the server's TIME_ZONE)."""
        zone = timezone.get_default_timezone()
        first = datetime.datetime.combine(self.start, datetime.time(0), tzinfo=zone)
        after = datetime.datetime.combine(self.end + datetime.timedelta(days=1), datetime.time(0), tzinfo=zone)
        return first, after

    @classmethod
    def year_to_date(cls, today: datetime.date | None = None) -> "Period":
        today = today or timezone.localdate()
        return cls(datetime.date(today.year, 1, 1), today)


@dataclass
class Context:
    """Who asks (their access decides the rows), for which period, and for which unit (and the units below it)."""

    user: object
    period: Period
    unit: OrgUnit | None = None
    today: datetime.date = field(default_factory=timezone.localdate)

    def unit_ids(self) -> set[int] | None:
        return self.unit.descendant_ids() if self.unit else None

    def customers(self) -> QuerySet:
        organisations = visible_organisations(self.user)
        ids = self.unit_ids()
        return organisations.filter(responsible_unit__in=ids) if ids is not None else organisations


@dataclass
class Result:
    """A figure: its value (a share in %, a count or euros), the counts it comes from and a table of parts.

    `table` is a header and rows of cells; a cell is a value, or (value, part) when the value drills down."""

    value: Decimal | int | None
    numerator: Decimal | int = 0
    denominator: int | None = None
    header: list = field(default_factory=list)
    table: list[list] = field(default_factory=list)
    # Chart series: (labels, [(series label, values)]) for Chart.js
    chart: tuple[list, list] | None = None
    no_data: str = ""


@dataclass(frozen=True)
class Column:
    label: Promise | str
    value: Callable[[object], object]
    link: Callable[[object], str] | None = None


@dataclass(frozen=True)
class LiveIndicator:
    code: str
    name: Promise
    unit: str
    numerator: Promise
    denominator: Promise | str
    date_basis: Promise
    period: Promise
    compute: Callable[[Context], Result]
    rows: Callable[[Context, str], QuerySet]
    columns: tuple[Column, ...]
    # Recorded nightly (roadmap.tasks): a figure with no history of its own, whose trend starts at the first.
    snapshot: bool = False
    parts: dict = field(default_factory=dict)  # part code -> its label (for the drill-down's heading)


LIVE_INDICATORS: dict[str, LiveIndicator] = {}


def register(indicator: LiveIndicator) -> LiveIndicator:
    LIVE_INDICATORS[indicator.code] = indicator
    return indicator


def share(numerator: int, denominator: int | None) -> Decimal | None:
    """A percentage with one decimal, rounded half up; None when there is nothing to divide by."""
    if not denominator:
        return None
    return (Decimal(100) * numerator / denominator).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _organisation_link(row) -> str:
    organisation = row if isinstance(row, Organisation) else row.organisation
    return organisation.get_absolute_url() if organisation else ""


def _organisation_name(row) -> str:
    organisation = row if isinstance(row, Organisation) else row.organisation
    return organisation.name if organisation else getattr(row, "new_organisation_name", "")


CUSTOMER = Column(_("Customer"), _organisation_name, _organisation_link)
UNIT = Column(_("Responsible unit"), lambda o: o.responsible_unit or "–")

# --- care-plan coverage ------------------------------------------------------------------------------------------


def _coverage_base(ctx: Context) -> QuerySet:
    return ctx.customers().filter(segment__in=KEY_SEGMENTS)


def _coverage_rows(ctx: Context, part: str) -> QuerySet:
    base = _coverage_base(ctx)
    planned = Q(pk__in=CarePlan.objects.filter(status__in=OPEN_PLAN).values("organisation_id"))
    rows = {"with": base.filter(planned), "without": base.exclude(planned)}.get(part, base)
    return rows.select_related("responsible_unit").order_by("name", "pk")


def _coverage(ctx: Context) -> Result:
    base = _coverage_base(ctx)
    planned = Q(pk__in=CarePlan.objects.filter(status__in=OPEN_PLAN).values("organisation_id"))
    counts = base.aggregate(all=Count("pk"), with_plan=Count("pk", filter=planned))
    n, d = counts["with_plan"], counts["all"]
    return Result(
        value=share(n, d),
        numerator=n,
        denominator=d,
        header=[_("With an active care plan"), _("Without"), _("Key and strategic customers")],
        table=[[(n, "with"), (d - n, "without"), (d, "all")]],
    )


register(
    LiveIndicator(
        code="plan_coverage",
        name=_("Care-plan coverage of key and strategic customers"),
        unit="%",
        numerator=_("key and strategic customers with an active care plan (active or under review)"),
        denominator=_("customers whose current segment is key or strategic"),
        date_basis=_("the situation when computed (recorded nightly)"),
        period=_("today; the trend starts from the first nightly snapshot"),
        compute=_coverage,
        rows=_coverage_rows,
        columns=(CUSTOMER, Column(_("Segment"), lambda o: o.segment), UNIT),
        snapshot=True,
        parts={"with": _("With an active care plan"), "without": _("Without"), "all": _("All")},
    )
)

# --- after-care on time ------------------------------------------------------------------------------------------


def _aftercare_base(ctx: Context) -> QuerySet:
    """After-care follow-ups due in the period up to today (a later due date cannot be late yet)."""
    last = min(ctx.period.end, ctx.today)
    followups = (
        visible_followups(ctx.user)
        .filter(kind=FollowUp.Kind.AFTER_CARE, due_date__gte=ctx.period.start, due_date__lte=last)
        .exclude(status=FollowUp.Status.CANCELLED)
    )
    ids = ctx.unit_ids()
    return followups.filter(organisation__responsible_unit__in=ids) if ids is not None else followups


def _on_time_q() -> Q:
    # Completed on or before the due date, the completion's date taken in Helsinki (the ORM's TIME_ZONE).
    return Q(status=FollowUp.Status.DONE, completed_at__date__lte=F("due_date"))


def _aftercare_rows(ctx: Context, part: str) -> QuerySet:
    base = _aftercare_base(ctx)
    rows = {"on_time": base.filter(_on_time_q()), "late": base.exclude(_on_time_q())}.get(part, base)
    return rows.select_related("organisation", "owner").order_by("due_date", "pk")


def _aftercare(ctx: Context) -> Result:
    counts = _aftercare_base(ctx).aggregate(all=Count("pk"), on_time=Count("pk", filter=_on_time_q()))
    n, d = counts["on_time"], counts["all"]
    return Result(
        value=share(n, d),
        numerator=n,
        denominator=d,
        header=[_("Done on time"), _("Late or not done"), _("Due")],
        table=[[(n, "on_time"), (d - n, "late"), (d, "all")]],
    )


register(
    LiveIndicator(
        code="aftercare_on_time",
        name=_("After-care follow-ups done on time"),
        unit="%",
        numerator=_("after-care follow-ups completed on or before their due date"),
        denominator=_("after-care follow-ups due in the period up to today, cancelled ones left out"),
        date_basis=_("the follow-up's due date; completion on its date in Europe/Helsinki"),
        period=_("the chosen period"),
        compute=_aftercare,
        rows=_aftercare_rows,
        columns=(
            CUSTOMER,
            Column(_("Follow-up"), lambda f: f.title, lambda f: f.get_absolute_url()),
            Column(_("Due"), lambda f: f.due_date),
            Column(_("Completed"), lambda f: timezone.localdate(f.completed_at) if f.completed_at else "–"),
            Column(_("Owner"), lambda f: f.owner),
        ),
        parts={"on_time": _("Done on time"), "late": _("Late or not done"), "all": _("All")},
    )
)

# --- contacted within the care rhythm ----------------------------------------------------------------------------


def _rhythm_base(ctx: Context) -> QuerySet:
    return ctx.customers().filter(next_contact_due__isnull=False)


def _rhythm_rows(ctx: Context, part: str) -> QuerySet:
    base = _rhythm_base(ctx)
    within = Q(next_contact_due__gte=ctx.today)
    rows = {"within": base.filter(within), "overdue": base.exclude(within)}.get(part, base)
    return rows.select_related("responsible_unit").order_by("next_contact_due", "pk")


def _rhythm(ctx: Context) -> Result:
    counts = _rhythm_base(ctx).aggregate(all=Count("pk"), within=Count("pk", filter=Q(next_contact_due__gte=ctx.today)))
    n, d = counts["within"], counts["all"]
    return Result(
        value=share(n, d),
        numerator=n,
        denominator=d,
        header=[_("Within their rhythm"), _("Overdue"), _("Customers with a care rhythm")],
        table=[[(n, "within"), (d - n, "overdue"), (d, "all")]],
    )


register(
    LiveIndicator(
        code="within_rhythm",
        name=_("Customers contacted within their care rhythm"),
        unit="%",
        numerator=_("customers whose next contact is not yet overdue"),
        denominator=_("customers whose segment's care model sets a contact rhythm"),
        date_basis=_("the next contact due date kept on each customer, against today in Europe/Helsinki"),
        period=_("today; the trend starts from the first nightly snapshot"),
        compute=_rhythm,
        rows=_rhythm_rows,
        columns=(CUSTOMER, Column(_("Next contact due"), lambda o: o.next_contact_due), UNIT),
        snapshot=True,
        parts={"within": _("Within their rhythm"), "overdue": _("Overdue"), "all": _("All")},
    )
)

# --- leads from teachers -----------------------------------------------------------------------------------------


def _teacher_leads(ctx: Context) -> QuerySet:
    first, after = ctx.period.bounds()
    leads = visible_leads(ctx.user).filter(
        created_at__gte=first, created_at__lt=after, passed_by__groups__name=Role.TEACHER.value
    )
    ids = ctx.unit_ids()
    return leads.filter(unit__in=ids) if ids is not None else leads


def _leads_rows(ctx: Context, part: str) -> QuerySet:
    base = _teacher_leads(ctx)
    if part in (Lead.ConvertedTo.OFFER, Lead.ConvertedTo.DELIVERY):
        base = base.filter(converted_to=part)
    elif part.startswith("month-"):
        year, month = (int(x) for x in part.removeprefix("month-").split("-"))
        base = base.filter(created_at__year=year, created_at__month=month)
    return base.select_related("organisation", "passed_by").order_by("-created_at", "-pk")


def _leads(ctx: Context) -> Result:
    offer, delivery = Lead.ConvertedTo.OFFER, Lead.ConvertedTo.DELIVERY
    months = (
        _teacher_leads(ctx)
        .annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(
            leads=Count("pk"),
            offers=Count("pk", filter=Q(converted_to=offer)),
            deliveries=Count("pk", filter=Q(converted_to=delivery)),
        )
        .order_by("month")
    )
    table, labels, counts = [], [], []
    total = offers = deliveries = 0
    for row in months:
        month = timezone.localtime(row["month"]).date() if isinstance(row["month"], datetime.datetime) else row["month"]
        key = f"month-{month.year}-{month.month}"
        label = f"{month.month}/{month.year}"
        table.append([label, (row["leads"], key), row["offers"], row["deliveries"]])
        labels.append(label)
        counts.append(row["leads"])
        total, offers, deliveries = total + row["leads"], offers + row["offers"], deliveries + row["deliveries"]
    table.append([_("Total"), (total, "all"), (offers, offer), (deliveries, delivery)])
    return Result(
        value=total,
        numerator=offers + deliveries,
        denominator=total,
        header=[_("Month"), _("Leads"), _("Converted to offers"), _("Converted to deliveries")],
        table=table,
        chart=(labels, [(str(_("Leads")), counts)]),
    )


register(
    LiveIndicator(
        code="teacher_leads",
        name=_("Leads from teachers and their conversion"),
        unit="",
        numerator=_(
            "leads passed by teachers in the period, per month; of them those converted to an offer or a delivery"
        ),
        denominator="",
        date_basis=_("the date the lead was passed, in Europe/Helsinki; the unit is the unit that handled the lead"),
        period=_("the chosen period"),
        compute=_leads,
        rows=_leads_rows,
        columns=(
            CUSTOMER,
            Column(_("Need"), lambda lead: lead.get_need_display(), lambda lead: lead.get_absolute_url()),
            Column(_("Passed"), lambda lead: timezone.localdate(lead.created_at)),
            Column(_("Passed by"), lambda lead: lead.passed_by),
            Column(_("Converted to"), lambda lead: lead.get_converted_to_display() or "–"),
        ),
        parts={"all": _("All"), "offer": _("Converted to offers"), "delivery": _("Converted to deliveries")},
    )
)

# --- new customers and repeat purchases --------------------------------------------------------------------------


def _deliveries(ctx: Context) -> QuerySet:
    """Deliveries not cancelled, of customers the viewer sees; by the delivering unit when a unit is chosen."""
    deliveries = Delivery.objects.filter(organisation__in=visible_organisations(ctx.user)).exclude(
        status=Delivery.Status.CANCELLED
    )
    ids = ctx.unit_ids()
    return deliveries.filter(unit__in=ids) if ids is not None else deliveries


def _first_deliveries(ctx: Context) -> QuerySet:
    """Each customer's first delivery start date, over every delivery they have (not only the period's)."""
    return (
        Delivery.objects.exclude(status=Delivery.Status.CANCELLED)
        .values("organisation_id")
        .annotate(first=Min("start_date"))
    )


def _won_and_repeat(ctx: Context) -> tuple[QuerySet, QuerySet]:
    in_period = _deliveries(ctx).filter(start_date__gte=ctx.period.start, start_date__lte=ctx.period.end)
    buyers = in_period.values("organisation_id")
    firsts = _first_deliveries(ctx).filter(organisation_id__in=buyers)
    won = firsts.filter(first__gte=ctx.period.start).values("organisation_id")
    repeat = firsts.filter(first__lt=ctx.period.start).values("organisation_id")
    customers = visible_organisations(ctx.user)
    return customers.filter(pk__in=won), customers.filter(pk__in=repeat)


def _customers_rows(ctx: Context, part: str) -> QuerySet:
    won, repeat = _won_and_repeat(ctx)
    rows = repeat if part == "repeat" else won
    return rows.select_related("responsible_unit").order_by("name", "pk")


def _customers(ctx: Context) -> Result:
    won, repeat = _won_and_repeat(ctx)
    counts = visible_organisations(ctx.user).aggregate(
        won=Count("pk", filter=Q(pk__in=won.values("pk"))), repeat=Count("pk", filter=Q(pk__in=repeat.values("pk")))
    )
    n_won, n_repeat = counts["won"], counts["repeat"]
    return Result(
        value=n_won,
        numerator=n_won,
        denominator=None,
        header=[_("New customers won"), _("Customers who bought again")],
        table=[[(n_won, "won"), (n_repeat, "repeat")]],
    )


register(
    LiveIndicator(
        code="new_customers",
        name=_("New customers won and repeat purchases"),
        unit="",
        numerator=_(
            "customers whose first delivery (by start date, cancelled ones left out) starts in the period; "
            "and customers with a delivery in the period who had one before it"
        ),
        denominator="",
        date_basis=_("the delivery's start date; the unit is the delivering unit"),
        period=_("the chosen period"),
        compute=_customers,
        rows=_customers_rows,
        columns=(CUSTOMER, UNIT),
        parts={"won": _("New customers won"), "repeat": _("Customers who bought again")},
    )
)

# --- customers per segment and movement between segments ---------------------------------------------------------


def _segment_names() -> dict[str, str]:
    from accounts.messages import localised

    return {s.code: localised(s, "name") for s in Segment.objects.order_by("order")}


def _segments_rows(ctx: Context, part: str) -> QuerySet:
    if part.startswith("move-"):
        old, _sep, new = part.removeprefix("move-").partition(":")
        return (
            _movements(ctx)
            .filter(from_code=old, to_code=new)
            .select_related("organisation", "changed_by")
            .order_by("-changed_at", "-pk")
        )
    return (
        ctx.customers()
        .filter(segment=part.removeprefix("segment-"))
        .select_related("responsible_unit")
        .order_by("name", "pk")
    )


def _movements(ctx: Context) -> QuerySet:
    first, after = ctx.period.bounds()
    changes = SegmentChange.objects.filter(
        organisation__in=ctx.customers(), changed_at__gte=first, changed_at__lt=after
    )
    return changes


def _segments(ctx: Context) -> Result:
    names = _segment_names()
    counts = dict(ctx.customers().values_list("segment").annotate(n=Count("pk")).order_by())
    table = [[names.get(code, code), (counts.get(code, 0), f"segment-{code}")] for code in names]
    if counts.get(""):
        table.append([_("Unclassified"), (counts[""], "segment-")])
    moves = _movements(ctx).values("from_code", "to_code").annotate(n=Count("pk")).order_by("from_code", "to_code")
    for move in moves:
        old, new = (names.get(code, code) or "–" for code in (move["from_code"], move["to_code"]))
        table.append([f"{old} → {new}", (move["n"], f"move-{move['from_code']}:{move['to_code']}")])
    total = sum(counts.values())
    return Result(
        value=total,
        numerator=total,
        header=[_("Segment, or movement from → to in the period"), _("Customers")],
        table=table,
        chart=(
            [names.get(code, code) for code in names],
            [(str(_("Customers")), [counts.get(code, 0) for code in names])],
        ),
    )


register(
    LiveIndicator(
        code="per_segment",
        name=_("Customers per segment and movement between segments"),
        unit="",
        numerator=_("customers per current segment; movements from one segment to another in the period"),
        denominator="",
        date_basis=_("the current segment (recorded nightly); movements by the date of the segment change"),
        period=_("today for the counts; the chosen period for the movements, from the segment history"),
        compute=_segments,
        rows=_segments_rows,
        columns=(CUSTOMER,),
        snapshot=True,
    )
)

# --- workplace and company visits --------------------------------------------------------------------------------


def _visits_base(ctx: Context) -> QuerySet:
    first, after = ctx.period.bounds()
    return Interaction.objects.filter(
        organisation__in=ctx.customers(),
        kind=Interaction.Kind.WORKPLACE_VISIT,
        occurred_at__gte=first,
        occurred_at__lt=after,
    )


def _visits_rows(ctx: Context, part: str) -> QuerySet:
    base = _visits_base(ctx)
    if part.startswith("year-"):
        base = base.filter(occurred_at__year=int(part.removeprefix("year-")))
    return base.select_related("organisation", "created_by").order_by("-occurred_at", "-pk")


def _visits(ctx: Context) -> Result:
    years = (
        _visits_base(ctx)
        .annotate(year=ExtractYear("occurred_at"))
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("year")
    )
    table = [[row["year"], (row["n"], f"year-{row['year']}")] for row in years]
    total = sum(row["n"] for row in years)
    return Result(
        value=total,
        numerator=total,
        header=[_("Year"), _("Visits")],
        table=table,
        chart=([str(row["year"]) for row in years], [(str(_("Visits")), [row["n"] for row in years])]),
    )


register(
    LiveIndicator(
        code="visits",
        name=_("Workplace and company visits"),
        unit="",
        numerator=_("interactions recorded as workplace visits, per year"),
        denominator="",
        date_basis=_("when the visit took place, in Europe/Helsinki; the customer's responsible unit"),
        period=_("the chosen period"),
        compute=_visits,
        rows=_visits_rows,
        columns=(
            CUSTOMER,
            Column(_("Subject"), lambda i: i.subject),
            Column(_("When"), lambda i: timezone.localdate(i.occurred_at)),
            Column(_("Recorded by"), lambda i: i.created_by or "–"),
        ),
    )
)

# --- euro value of deliveries ------------------------------------------------------------------------------------


def _value_base(ctx: Context) -> QuerySet:
    return _deliveries(ctx).filter(start_date__gte=ctx.period.start, start_date__lte=ctx.period.end)


def _value_rows(ctx: Context, part: str) -> QuerySet:
    base = _value_base(ctx)
    if part.startswith("st-"):
        service, _sep, unit = part.removeprefix("st-").partition("-")
        base = base.filter(service_type_id=int(service) if service.isdigit() else None)
        base = base.filter(unit_id=int(unit)) if unit.isdigit() else base.filter(unit__isnull=True)
    return base.select_related("organisation", "service_type", "unit").order_by("-start_date", "-pk")


def _value(ctx: Context) -> Result:
    from accounts.messages import localised

    rows = (
        _value_base(ctx)
        .values("service_type_id", "unit_id", "unit__name")
        .annotate(total=Sum("value"), n=Count("pk"))
        .order_by("service_type_id", "unit__name")
    )
    services = {s.pk: localised(s, "name") for s in ServiceType.objects.all()}
    table, total, by_service = [], Decimal("0.00"), {}
    for row in rows:
        service = services.get(row["service_type_id"], "–")
        by_service[service] = by_service.get(service, 0.0) + float(row["total"] or 0)
        amount = row["total"] or Decimal("0.00")
        total += amount
        table.append(
            [
                service,
                row["unit__name"] or "–",
                row["n"],
                (amount, f"st-{row['service_type_id']}-{row['unit_id'] or ''}"),
            ]
        )
    table.append([_("Total"), "", sum(r[2] for r in table), (total, "all")])
    return Result(
        value=total,
        numerator=total,
        header=[_("Service type"), _("Delivering unit"), _("Deliveries"), _("Value (EUR)")],
        table=table,
        chart=(list(by_service), [(str(_("Value (EUR)")), list(by_service.values()))]),
    )


register(
    LiveIndicator(
        code="delivery_value",
        name=_("Euro value of deliveries by service type and unit"),
        unit="€",
        numerator=_("the sum of the value of deliveries starting in the period, cancelled ones left out"),
        denominator="",
        date_basis=_("the delivery's start date; the delivering unit"),
        period=_("the chosen period"),
        compute=_value,
        rows=_value_rows,
        columns=(
            CUSTOMER,
            Column(_("Delivery"), lambda d: d.title),
            Column(_("Service type"), lambda d: d.service_type),
            Column(_("Delivering unit"), lambda d: d.unit or "–"),
            Column(_("Start date"), lambda d: d.start_date),
            Column(_("Value (EUR)"), lambda d: d.value),
        ),
    )
)

# --- NPS over the last 12 months ---------------------------------------------------------------------------------
# NPS comes from the feedback app's survey answers (`feedback.figures`): the 12 months ending on the period's last
# day, over the answers about the customers the viewer sees (and the chosen unit's, by the customer's unit at the
# time of answering). Its parts drill down to the answers of each category.


def _nps_window(ctx: Context) -> tuple[datetime.date, datetime.date]:
    return add_months(ctx.period.end, -12) + datetime.timedelta(days=1), ctx.period.end


def _nps_answers(ctx: Context) -> QuerySet:
    return Response.objects.filter(source=Response.Source.SURVEY, organisation__in=visible_organisations(ctx.user))


def _nps(ctx: Context) -> Result:
    # One aggregate: the dashboard computes every figure within its 20 queries.
    nps = nps_counts(_nps_rows(ctx, "").order_by())
    if not nps.answers:
        return Result(value=None, no_data=str(_("No survey answers in the 12 months ending on the period's last day.")))
    return Result(
        value=nps.rounded,
        numerator=nps.promoters - nps.detractors,
        denominator=nps.answers,
        header=[_("Answers"), _("Promoter"), _("Passive"), _("Detractor")],
        table=[[nps.answers, (nps.promoters, "promoter"), (nps.passives, "passive"), (nps.detractors, "detractor")]],
    )


def _nps_rows(ctx: Context, part: str) -> QuerySet:
    start, end = _nps_window(ctx)
    answers = in_period(_nps_answers(ctx), start, end)
    ids = ctx.unit_ids()
    if ids is not None:
        answers = answers.filter(unit_id__in=ids)
    if part in ("promoter", "passive", "detractor"):
        answers = answers.filter(category=part)
    return answers.select_related("organisation").order_by("-answered_at", "-pk")


register(
    LiveIndicator(
        code="nps",
        name=_("Net Promoter Score over the last 12 months"),
        unit="",
        numerator=_("the share of promoters (9–10) less the share of detractors (0–6), in percentage points"),
        denominator=_("survey answers in the 12 months ending on the period's last day"),
        date_basis=_("when the answer was given, in Europe/Helsinki; the customer's unit at that time"),
        period=_("the 12 months ending on the chosen period's last day"),
        compute=_nps,
        rows=_nps_rows,
        columns=(
            CUSTOMER,
            Column(_("Score"), lambda r: r.score),
            Column(_("Answered"), lambda r: timezone.localdate(r.answered_at)),
        ),
    )
)


# --- the viewer of the nightly snapshot --------------------------------------------------------------------------


class SnapshotViewer:
    """Whom the nightly snapshot counts for: management, who sees every active customer (archived ones are not
    counted, as on management's own pages)."""

    is_authenticated = True
    pk = None

    def has_role(self, *roles) -> bool:
        return Role.MANAGEMENT in roles
