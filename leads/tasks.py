"""Celery tasks of leads and offers: thin wrappers that take IDs, load rows and call a service.

The tasks were registered under crm.tasks.* before leads became an app of its own; those names stay
registered as aliases for one release so that messages already queued, and beat entries not yet rewritten
by `setup_periodic_tasks`, still run. Lead mail itself goes through the outbox (leads.services.events).
"""

from celery import shared_task
from django.contrib.auth import get_user_model

from leads import services
from leads.models import Lead
from leads.services.events import queue_mail


def _queue_lead_mail(lead_id: int, recipient_id: int, kind: str) -> None:
    lead = Lead.objects.get(pk=lead_id)
    queue_mail(lead=lead, recipient=get_user_model().objects.get(pk=recipient_id), kind=kind)


@shared_task
def send_lead_mail_task(lead_id: int, recipient_id: int, kind: str) -> None:
    """Kept for one release: a message published before the outbox queues its mail there."""
    _queue_lead_mail(lead_id, recipient_id, kind)


@shared_task
def expire_offers_task() -> int:
    return services.offers_expire()


# Old names, kept for one release (see the module docstring).
@shared_task(name="crm.tasks.send_lead_mail_task")
def send_lead_mail_task_alias(lead_id: int, recipient_id: int, kind: str) -> None:
    _queue_lead_mail(lead_id, recipient_id, kind)


@shared_task(name="crm.tasks.lead_reminders_task")
def lead_reminders_task_alias() -> int:
    """Lead reminders alone, for beat entries not yet rewritten; the engine's run (reminders.tasks) covers them."""
    return services.lead_reminders_send()


@shared_task(name="crm.tasks.expire_offers_task")
def expire_offers_task_alias() -> int:
    return services.offers_expire()
