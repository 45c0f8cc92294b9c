"""Celery tasks of the reminder engine: thin wrappers around reminders.engine.

The engine's tasks were first care_plans' (care_plans.tasks.*) and leads' (crm.tasks.lead_reminders_task);
those names stay registered as aliases for one release so that queued messages and beat entries not yet
rewritten by `setup_periodic_tasks` still run.
"""

from celery import shared_task

from reminders import engine


@shared_task
def run_reminders_task() -> dict:
    return engine.reminders_run()


@shared_task
def send_digests_task() -> int:
    return engine.digests_send()


@shared_task(name="care_plans.tasks.run_reminders_task")
def run_reminders_task_alias() -> dict:
    return engine.reminders_run()


@shared_task(name="care_plans.tasks.send_digests_task")
def send_digests_task_alias() -> int:
    return engine.digests_send()


@shared_task(name="care_plans.tasks.send_reminder_email_task")
def send_reminder_email_task_alias(reminder_id: int) -> bool:
    """A message published before the outbox: queue that reminder's mail there, once."""
    return engine.reminder_email_queue(reminder_id)


@shared_task(name="care_plans.tasks.send_digest_email_task")
def send_digest_email_task_alias(recipient_id: int, reminder_ids: list[int]) -> bool:
    return engine.digest_email_queue(recipient_id, reminder_ids)
