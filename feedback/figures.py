"""NPS figures: the public API other apps read (the roadmap's dashboards) and what the figures page shows.

Everything is aggregated in the database with one query per breakdown (indexed on answered_at and what is
grouped by), never summed in Python over rows.

    from feedback.figures import nps_for_period
    figures = nps_for_period(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    figures.nps.rounded, figures.nps.answers, figures.nps.margin, figures.invited, figures.response_rate
"""

import datetime
from dataclasses import dataclass

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, QuerySet
from django.db.models.functions import TruncQuarter
from django.utils import timezone

from feedback.models import Invitation, LoopAction, NpsBaseline, Response
from feedback.services.answers import nps_counts
from kumppani.lib.nps import DETRACTOR, PASSIVE, PROMOTER, Nps, response_rate

COUNTS = {
    "promoters": Count("pk", filter=Q(category=PROMOTER)),
    "passives": Count("pk", filter=Q(category=PASSIVE)),
    "detractors": Count("pk", filter=Q(category=DETRACTOR)),
}


@dataclass(frozen=True)
class PeriodFigures:
    nps: Nps
    invited: int
    answered: int

    @property
    def response_rate(self) -> float | None:
        return response_rate(self.answered, self.invited)


def _bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """From the start of `start` to the end of `end`, in Finnish time."""
    since = timezone.make_aware(datetime.datetime.combine(start, datetime.time()))
    until = timezone.make_aware(datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time()))
    return since, until


def in_period(responses: QuerySet, start: datetime.date, end: datetime.date) -> QuerySet:
    since, until = _bounds(start, end)
    return responses.filter(answered_at__gte=since, answered_at__lt=until)


def nps_for_period(
    start: datetime.date, end: datetime.date, *, responses: QuerySet | None = None, unit_ids=None
) -> PeriodFigures:
    """NPS of survey answers given from `start` to `end` (inclusive), with its counts and the response rate.

    `responses` narrows the answers (a reader's scope); `unit_ids` keeps the units given (their answers' unit at
    the time of answering). Invitations sent in the period are the rate's denominator.
    """
    responses = in_period(Response.objects.all() if responses is None else responses, start, end)
    since, until = _bounds(start, end)
    invitations = Invitation.objects.filter(sent_at__gte=since, sent_at__lt=until)
    if unit_ids is not None:
        responses = responses.filter(unit_id__in=unit_ids)
        invitations = invitations.filter(organisation__responsible_unit_id__in=unit_ids)
    nps = nps_counts(responses)
    answered = responses.filter(source=Response.Source.SURVEY, invitation__isnull=False).count()
    return PeriodFigures(nps=nps, invited=invitations.count(), answered=answered)


def baseline() -> NpsBaseline | None:
    """The baseline figures are drawn against (admin data; shipped as Gradia's 58 in 2018)."""
    return NpsBaseline.current()


def breakdown(responses: QuerySet, field: str) -> list[tuple[object, Nps]]:
    """NPS per value of `field` (one GROUP BY), largest groups first."""
    rows = (
        responses.filter(source=Response.Source.SURVEY)
        .values(field)
        .annotate(**COUNTS, total=Count("pk"))
        .order_by("-total", field)
    )
    return [(row[field], Nps(row["promoters"], row["passives"], row["detractors"])) for row in rows]


def quarterly(responses: QuerySet) -> list[tuple[datetime.date, Nps]]:
    rows = (
        responses.filter(source=Response.Source.SURVEY)
        .annotate(quarter=TruncQuarter("answered_at"))
        .values("quarter")
        .annotate(**COUNTS)
        .order_by("quarter")
    )
    return [
        (
            timezone.localdate(row["quarter"]) if isinstance(row["quarter"], datetime.datetime) else row["quarter"],
            Nps(row["promoters"], row["passives"], row["detractors"]),
        )
        for row in rows
    ]


def positive_share(responses: QuerySet) -> tuple[int, int]:
    """(positive, all): a score of 9-10, or direct feedback logged as positive, of every answer."""
    figures = responses.aggregate(
        positive_count=Count("pk", filter=Q(category=PROMOTER) | Q(positive=True)), total=Count("pk")
    )
    return figures["positive_count"], figures["total"]


def direct_counts(responses: QuerySet) -> dict:
    return responses.filter(source=Response.Source.DIRECT).aggregate(
        positive_count=Count("pk", filter=Q(positive=True)), negative_count=Count("pk", filter=Q(positive=False))
    )


def loop_figures(actions: QuerySet) -> dict:
    """Follow-ups opened and closed, the share closed on time and the average time to close."""
    closed = actions.filter(status=LoopAction.Status.CLOSED)
    figures = actions.aggregate(opened=Count("pk"), open=Count("pk", filter=Q(status=LoopAction.Status.OPEN)))
    figures.update(
        closed.aggregate(
            closed=Count("pk"),
            on_time=Count("pk", filter=Q(closed_at__date__lte=F("due_date"))),
            average=Avg(ExpressionWrapper(F("closed_at") - F("created_at"), output_field=DurationField())),
        )
    )
    figures["on_time_share"] = figures["on_time"] * 100 / figures["closed"] if figures["closed"] else None
    average = figures["average"]
    figures["average_days"] = round(average.total_seconds() / 86400, 1) if average is not None else None
    return figures
