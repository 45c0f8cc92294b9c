"""Celery tasks: each takes IDs, loads rows and calls a service."""

from celery import shared_task

from care_plans import reminders


@shared_task
def run_reminders_task() -> dict:
    return reminders.reminders_run()


@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def send_reminder_email_task(reminder_id: int) -> bool:
    return reminders.reminder_email_send(reminder_id)


@shared_task
def ended_deliveries_task() -> int:
    from care_plans.services import followups_create_for_ended_deliveries

    return followups_create_for_ended_deliveries()


@shared_task
def send_digests_task() -> int:
    return reminders.digests_send()


@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def send_digest_email_task(recipient_id: int, reminder_ids: list[int]) -> bool:
    return reminders.digest_email_send(recipient_id, reminder_ids)
