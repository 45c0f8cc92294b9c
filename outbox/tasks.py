"""Celery tasks of the outbox: thin wrappers that take ids and call a service.

Results are not stored (`ignore_result`): publishing then touches only the broker, never the result backend,
so a broker or Redis that is down fails the publish at once instead of retrying a result subscription.
"""

from celery import shared_task

from outbox import services


@shared_task(ignore_result=True)
def send_email_task(email_id: int) -> bool:
    return services.email_send(email_id)


@shared_task(ignore_result=True)
def send_emails_task(email_ids: list[int]) -> int:
    """A batch queued together (`emails_queue`), sent over one SMTP connection."""
    return services.emails_send(email_ids)


@shared_task(ignore_result=True)
def outbox_sweep_task() -> dict[str, int]:
    return services.outbox_sweep()
