"""Feedback follow-ups as a source of the reminder engine: the owner is reminded by the same stages as after-care
(care_plans' ReminderSettings: due soon, due today, overdue) and an item long overdue escalates to the unit's head."""

from care_plans.reminder_sources import _due_by_date
from feedback.messages import reminder_message
from feedback.models import LoopAction
from reminders.registry import ReminderSource, register_source


def register() -> None:
    register_source(
        ReminderSource(
            model=LoopAction,
            due=_due_by_date(lambda: LoopAction.objects.filter(status=LoopAction.Status.OPEN), "due_date"),
            is_open=lambda item: item.status == LoopAction.Status.OPEN,
            message=lambda action, reminder: reminder_message(reminder, action),
            select_related=("organisation", "owner", "rule"),
        )
    )
