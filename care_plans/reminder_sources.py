"""Follow-ups, planned actions and care plan reviews as sources of the reminder engine.

Stages (ReminderSettings, admin-editable; the numbers are Kumppani's defaults): the owner is reminded when the
item is due soon (within `due_soon_days`), on its due date and once it is overdue; an earlier stage missed is
not sent late. An item overdue for `escalate_after_days` is escalated to the heads of the owner's units (never
to the owner themselves).
"""

import datetime
from collections import defaultdict
from collections.abc import Iterator

from accounts.models import OrgUnit
from care_plans.messages import reminder_message
from care_plans.models import CarePlan, FollowUp, PlanAction, ReminderSettings
from reminders.models import Reminder
from reminders.registry import Due, ReminderSource, register_source

Stage = Reminder.Stage


def stage_for(due: datetime.date, today: datetime.date, *, due_soon_days: int) -> str | None:
    """The owner's stage today: due soon, due today or overdue (earlier stages missed are not sent late)."""
    if due > today:
        return Stage.DUE_SOON if (due - today).days <= due_soon_days else None
    if due == today:
        return Stage.DUE_TODAY
    return Stage.OVERDUE


def _unit_heads(owner_ids: set[int]) -> dict[int, set[int]]:
    """The heads of each owner's units (the owner is never their own escalation)."""
    heads: dict[int, set[int]] = defaultdict(set)
    pairs = OrgUnit.objects.filter(members__in=owner_ids, head__isnull=False, is_active=True).values_list(
        "members", "head"
    )
    for member_id, head_id in pairs:
        if member_id != head_id:
            heads[member_id].add(head_id)
    return heads


def _due_by_date(queryset, date_field: str):
    """The engine's `due` for items with an owner and a due date: one indexed query a run."""

    def due(today: datetime.date) -> Iterator[Due]:
        config = ReminderSettings.load()
        horizon = today + datetime.timedelta(days=config.due_soon_days)
        escalate_before = today - datetime.timedelta(days=config.escalate_after_days)
        escalations = []
        rows = queryset().filter(**{f"{date_field}__lte": horizon}).values_list("pk", "owner_id", date_field)
        for pk, owner_id, due_date in rows.iterator():
            stage = stage_for(due_date, today, due_soon_days=config.due_soon_days)
            if stage:
                yield Due(pk, stage, owner_id, due_date)
            if due_date <= escalate_before:
                escalations.append((pk, owner_id, due_date))
        if escalations:
            heads = _unit_heads({owner_id for _pk, owner_id, _due in escalations})
            for pk, owner_id, due_date in escalations:
                for head_id in heads.get(owner_id, ()):
                    yield Due(pk, Stage.ESCALATED, head_id, due_date)

    return due


def _message(item, reminder: Reminder) -> dict:
    return reminder_message(reminder, item)


def register() -> None:
    register_source(
        ReminderSource(
            model=FollowUp,
            due=_due_by_date(lambda: FollowUp.objects.filter(status=FollowUp.Status.OPEN), "due_date"),
            is_open=lambda item: item.status == FollowUp.Status.OPEN,
            message=_message,
            select_related=("organisation", "owner"),
        )
    )
    register_source(
        ReminderSource(
            model=PlanAction,
            due=_due_by_date(lambda: PlanAction.objects.filter(status=PlanAction.Status.OPEN), "due_date"),
            is_open=lambda item: item.status == PlanAction.Status.OPEN,
            message=_message,
            select_related=("organisation", "owner"),
        )
    )
    review_open = (CarePlan.Status.ACTIVE, CarePlan.Status.UNDER_REVIEW)
    register_source(
        ReminderSource(
            model=CarePlan,
            due=_due_by_date(
                lambda: CarePlan.objects.filter(status__in=review_open, review_date__isnull=False), "review_date"
            ),
            is_open=lambda item: item.status in review_open,
            message=_message,
            select_related=("organisation", "owner"),
        )
    )
