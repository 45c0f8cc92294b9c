"""What a customer's care model requires, acting: due follow-ups for the responsible person, and coverage.

A care model (segments) may require a care plan, an annual review, a steering group and after-care. The plan
is kept on its own page; the annual review and the steering group's meetings come due here as follow-ups
(so they are in the owner's My work and remind through the reminder engine like every other follow-up), owned
by the customer's account manager:

- an annual review `annual_review_interval_months` after the last one done (at once when there has been none);
- a steering group meeting `steering_meeting_interval_months` after the customer's last meeting (at once when
  there has been none); recording a meeting completes the open one.

The rhythms are ReminderSettings (admin-edited; Kumppani's defaults of 12 and 6 months). The nightly sweep
makes the next item due; saving a review or a meeting makes it at once for that customer.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, Max, OuterRef, Q
from django.utils import timezone

from care_plans import messages
from care_plans.models import CarePlan, FollowUp, Meeting, ReminderSettings
from crm.models import Organisation
from crm.timeline import timeline_add
from kumppani.lib.months import add_months
from segments.care_models import models_requiring, with_care_model

OPEN_PLAN_STATUSES = (CarePlan.Status.ACTIVE, CarePlan.Status.UNDER_REVIEW)
ELEMENT_KINDS = {
    "annual_review": FollowUp.Kind.ANNUAL_REVIEW,
    "steering_group": FollowUp.Kind.STEERING_MEETING,
}


def _customers_requiring(element: str, organisation_ids=None):
    customers = Organisation.objects.filter(is_archived=False, account_manager__isnull=False)
    if organisation_ids is not None:
        customers = customers.filter(pk__in=organisation_ids)
    open_item = FollowUp.objects.filter(
        organisation=OuterRef("pk"), kind=ELEMENT_KINDS[element], status=FollowUp.Status.OPEN
    )
    return with_care_model(customers).filter(models_requiring(element)).exclude(Exists(open_item))


def _last_done(kind: str, ids) -> dict[int, datetime.date]:
    rows = (
        FollowUp.objects.filter(organisation__in=ids, kind=kind, status=FollowUp.Status.DONE)
        .values("organisation_id")
        .annotate(last=Max("completed_at"))
    )
    return {row["organisation_id"]: timezone.localdate(row["last"]) for row in rows if row["last"]}


def _last_meetings(ids) -> dict[int, datetime.date]:
    rows = (
        Meeting.objects.filter(group__organisation__in=ids, starts_at__lte=timezone.now())
        .values("group__organisation_id")
        .annotate(last=Max("starts_at"))
    )
    return {row["group__organisation_id"]: timezone.localdate(row["last"]) for row in rows}


def _create(organisation_id: int, owner_id: int, kind: str, due: datetime.date, title: dict) -> FollowUp | None:
    follow_up = FollowUp(organisation_id=organisation_id, kind=kind, owner_id=owner_id, due_date=due)
    follow_up.set_title(title)
    try:
        with transaction.atomic():
            follow_up.save()
            timeline_add(
                organisation=Organisation(pk=organisation_id),
                kind="follow_up",
                source=follow_up,
                **messages.followup_due_message(follow_up),
            )
    except IntegrityError:
        return None
    return follow_up


def required_items_create(*, today: datetime.date | None = None, organisation_ids=None) -> int:
    """Make the next annual review and steering group meeting due for every customer whose care model requires
    them and that has none open. Idempotent: a customer with an open one gets nothing more."""
    today = today or timezone.localdate()
    config = ReminderSettings.load()
    created = 0
    reviews = list(_customers_requiring("annual_review", organisation_ids).values_list("pk", "account_manager_id"))
    last = _last_done(FollowUp.Kind.ANNUAL_REVIEW, [pk for pk, _owner in reviews])
    for pk, owner_id in reviews:
        due = add_months(last[pk], config.annual_review_interval_months) if pk in last else today
        created += bool(_create(pk, owner_id, FollowUp.Kind.ANNUAL_REVIEW, due, messages.annual_review_title_message()))
    groups = list(_customers_requiring("steering_group", organisation_ids).values_list("pk", "account_manager_id"))
    meetings = _last_meetings([pk for pk, _owner in groups])
    months = config.steering_meeting_interval_months
    for pk, owner_id in groups:
        due = add_months(meetings[pk], months) if pk in meetings else today
        title = messages.steering_meeting_title_message(months)
        created += bool(_create(pk, owner_id, FollowUp.Kind.STEERING_MEETING, due, title))
    return created


def steering_meeting_held(*, meeting: Meeting, actor) -> None:
    """A recorded meeting completes the customer's open steering-meeting item and makes the next one due."""
    organisation_id = meeting.group.organisation_id
    if meeting.starts_at > timezone.now():
        return  # a planned meeting is not yet held
    FollowUp.objects.filter(
        organisation_id=organisation_id, kind=FollowUp.Kind.STEERING_MEETING, status=FollowUp.Status.OPEN
    ).update(status=FollowUp.Status.DONE, channel="meeting", completed_at=timezone.now(), completed_by=actor)
    required_items_create(organisation_ids=[organisation_id])


# --- Coverage ----------------------------------------------------------------------------------------------


def _has(element: str, today: datetime.date):
    """Whether the customer at OuterRef("pk") has the element now."""
    config = ReminderSettings.load()
    if element == "care_plan":
        return Exists(CarePlan.objects.filter(organisation=OuterRef("pk"), status__in=OPEN_PLAN_STATUSES))
    if element == "annual_review":
        since = add_months(today, -config.annual_review_interval_months)
        return Exists(
            FollowUp.objects.filter(
                organisation=OuterRef("pk"),
                kind=FollowUp.Kind.ANNUAL_REVIEW,
                status=FollowUp.Status.DONE,
                completed_at__date__gte=since,
            )
        )
    if element == "steering_group":
        since = add_months(today, -config.steering_meeting_interval_months)
        return Exists(Meeting.objects.filter(group__organisation=OuterRef("pk"), starts_at__date__gte=since))
    # After-care: no after-care follow-up left overdue.
    return ~Exists(
        FollowUp.objects.filter(
            organisation=OuterRef("pk"),
            kind=FollowUp.Kind.AFTER_CARE,
            status=FollowUp.Status.OPEN,
            due_date__lt=today,
        )
    )


def element_coverage(organisations, element: str, today: datetime.date | None = None) -> dict[str, dict]:
    """Per segment code: customers whose care model requires the element, and how many have it. One query."""
    today = today or timezone.localdate()
    rows = (
        with_care_model(organisations.filter(is_archived=False))
        .filter(models_requiring(element))
        .annotate(has_it=_has(element, today))
        .values("segment")
        .annotate(required=Count("pk"), have=Count("pk", filter=Q(has_it=True)))
    )
    return {row["segment"]: {"required": row["required"], "have": row["have"]} for row in rows}


def coverage_metric(element: str):
    """A segment-overview metric: "have / required (share)" per segment; customers lacking it show as the gap."""

    def values(organisations) -> dict[str, str]:
        return {
            code: f"{row['have']} / {row['required']} ({round(100 * row['have'] / row['required'])} %)"
            for code, row in element_coverage(organisations, element).items()
            if row["required"]
        }

    return values


def customers_lacking(organisations, element: str, today: datetime.date | None = None):
    """The customers whose care model requires the element and that lack it."""
    today = today or timezone.localdate()
    return (
        with_care_model(organisations.filter(is_archived=False))
        .filter(models_requiring(element))
        .annotate(has_it=_has(element, today))
        .filter(has_it=False)
    )
