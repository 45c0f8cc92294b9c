"""Celery tasks: each takes IDs, loads rows and calls a service (reminders are the engine's: reminders.tasks)."""

from celery import shared_task


@shared_task
def ended_deliveries_task() -> int:
    from care_plans.services import followups_create_for_ended_deliveries

    return followups_create_for_ended_deliveries()
