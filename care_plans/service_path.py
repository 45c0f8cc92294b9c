"""After-care from a delivery's first day (the after-care thesis, Pirkanmaa TE office 2015).

- At the start: the service need assessed with the customer and the service promise (ServiceStart).
- During a long delivery (longer than `long_delivery_months`, Kumppani's default 3): a progress check every
  `progress_check_interval_weeks` (default 6) as a follow-up of its responsible person, made by the nightly sweep.
- When a delivery's responsible person changes: a follow-up to the new person to tell the customer within
  `manager_change_working_days` working days (default 5), as for a new account manager. crm sends
  `delivery_responsible_changed` after the commit; the nightly sweep repairs a lost one from the delivery's history.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone

from care_plans import messages
from care_plans.models import FollowUp, ReminderSettings, ServiceStart
from crm.models import Delivery
from crm.timeline import timeline_add
from kumppani.lib.months import add_months
from kumppani.lib.workdays import add_working_days

RESPONSIBLE_CHANGE_LOOKBACK_DAYS = 30


@transaction.atomic
def service_start_save(*, delivery: Delivery, need_assessment: str, service_promise: str, actor) -> ServiceStart:
    """Record (or correct) what was agreed at the delivery's start; the customer's timeline says so once."""
    start = ServiceStart.objects.select_for_update().filter(delivery=delivery).first()
    creating = start is None
    if creating:
        start = ServiceStart(delivery=delivery, recorded_by=actor)
    start.need_assessment, start.service_promise = need_assessment.strip(), service_promise.strip()
    start.full_clean()
    start.save()
    if creating:
        timeline_add(
            organisation=delivery.organisation,
            kind="follow_up",
            actor=actor,
            source=start,
            **messages.service_start_message(delivery),
        )
    return start


def _long(delivery, config) -> bool:
    return bool(delivery.end_date) and delivery.end_date > add_months(delivery.start_date, config.long_delivery_months)


def progress_checks_create(*, today: datetime.date | None = None) -> int:
    """A progress check for every running long delivery that has none open: `interval` after the last check
    done, or after the start; none past the delivery's end. Idempotent."""
    today = today or timezone.localdate()
    config = ReminderSettings.load()
    interval = datetime.timedelta(weeks=config.progress_check_interval_weeks)
    open_check = FollowUp.objects.filter(
        delivery=OuterRef("pk"), kind=FollowUp.Kind.PROGRESS_CHECK, status=FollowUp.Status.OPEN
    )
    running = (
        Delivery.objects.filter(
            status__in=[Delivery.Status.PLANNED, Delivery.Status.IN_PROGRESS],
            start_date__lte=today,
            end_date__gte=today,
            organisation__is_archived=False,
        )
        .exclude(Exists(open_check))
        .annotate(
            last_check=Max(
                "follow_ups__completed_at",
                filter=Q(follow_ups__kind=FollowUp.Kind.PROGRESS_CHECK, follow_ups__status=FollowUp.Status.DONE),
            )
        )
        .select_related("organisation")
    )
    created = 0
    for delivery in running:
        if not _long(delivery, config):
            continue
        since = timezone.localdate(delivery.last_check) if delivery.last_check else delivery.start_date
        due = since + interval
        if due > delivery.end_date:
            continue
        follow_up = FollowUp(
            organisation=delivery.organisation,
            delivery=delivery,
            kind=FollowUp.Kind.PROGRESS_CHECK,
            owner_id=delivery.responsible_id,
            due_date=due,
        )
        follow_up.set_title(messages.progress_check_title_message(delivery))
        with transaction.atomic():
            follow_up.save()
            timeline_add(
                organisation=delivery.organisation,
                kind="follow_up",
                source=follow_up,
                **messages.followup_due_message(follow_up),
            )
        created += 1
    return created


def followup_create_for_responsible_change(*, delivery, old_responsible, new_responsible, actor=None):
    """The new responsible person tells the customer in time (the after-care thesis: "the customer must be told")."""
    if old_responsible is None or new_responsible is None or old_responsible == new_responsible:
        return None
    if delivery.status == Delivery.Status.CANCELLED:
        return None
    days = ReminderSettings.load().manager_change_working_days
    with transaction.atomic():
        follow_up = FollowUp(
            organisation_id=delivery.organisation_id,
            delivery=delivery,
            kind=FollowUp.Kind.RESPONSIBLE_CHANGE,
            owner=new_responsible,
            due_date=add_working_days(timezone.localdate(), days),
        )
        title = messages.responsible_change_title_message(delivery, new_responsible, old_responsible)
        follow_up.set_title(title)
        follow_up.save()
        timeline_add(organisation=delivery.organisation, kind="follow_up", actor=actor, source=follow_up, **title)
    return follow_up


def followups_create_for_responsible_changes() -> int:
    """The nightly repair: a change of a delivery's responsible person in its history without its follow-up."""
    since = timezone.now() - datetime.timedelta(days=RESPONSIBLE_CHANGE_LOOKBACK_DAYS)
    users = get_user_model().objects
    created = 0
    changes = Delivery.history.filter(history_type="~", history_date__gte=since).order_by("history_date")
    for row in changes.iterator():
        previous = row.prev_record
        if previous is None or previous.responsible_id == row.responsible_id:
            continue
        done = FollowUp.objects.filter(
            delivery_id=row.id,
            kind=FollowUp.Kind.RESPONSIBLE_CHANGE,
            owner_id=row.responsible_id,
            created_at__gte=row.history_date - datetime.timedelta(minutes=5),
        )
        if done.exists():
            continue
        delivery = Delivery.objects.select_related("organisation").filter(pk=row.id).first()
        if delivery is None or delivery.responsible_id != row.responsible_id:
            continue
        created += bool(
            followup_create_for_responsible_change(
                delivery=delivery,
                old_responsible=users.filter(pk=previous.responsible_id).first(),
                new_responsible=delivery.responsible,
            )
        )
    return created


@transaction.atomic
def referral_create(*, referral, actor):
    """Record the referral and follow up its outcome: a follow-up of the referrer, `referral_followup_days` on."""
    referral.created_by = actor
    if referral.follow_up_id and not referral.organisation_id:
        referral.organisation_id = referral.follow_up.organisation_id
    referral.full_clean()
    referral.save()
    days = ReminderSettings.load().referral_followup_days
    check = FollowUp(
        organisation_id=referral.organisation_id,
        kind=FollowUp.Kind.REFERRAL,
        owner=actor,
        due_date=timezone.localdate() + datetime.timedelta(days=days),
    )
    check.set_title(messages.referral_title_message(referral))
    check.save()
    referral.outcome_check = check
    referral.save(update_fields=["outcome_check"])
    timeline_add(
        organisation=referral.organisation,
        kind="follow_up",
        actor=actor,
        source=check,
        **messages.referral_message(referral),
    )
    return referral
