"""Celery tasks of leads and offers: thin wrappers that take IDs, load rows and call a service.

The tasks were registered under crm.tasks.* before leads became an app of its own; those names stay
registered as aliases for one release so that messages already queued, and beat entries not yet rewritten
by `setup_periodic_tasks`, still run.
"""

from celery import shared_task
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from leads import services

LEAD_MAIL_KINDS = ("assigned", "triage", "reminder", "escalation")


def _send_lead_mail(lead_id: int, recipient_id: int, kind: str) -> None:
    if kind not in LEAD_MAIL_KINDS:
        raise ValueError(f"unknown lead mail {kind!r}")
    context = services.lead_mail_context(lead_id, recipient_id)
    recipient = context["recipient"]
    with translation.override(recipient.language or "fi"):
        subject = " ".join(render_to_string(f"emails/leads/{kind}_subject.txt", context).split())
        body = render_to_string(f"emails/leads/{kind}.txt", context)
    send_mail(subject, body, None, [recipient.email])


@shared_task
def send_lead_mail_task(lead_id: int, recipient_id: int, kind: str) -> None:
    """E-mail about a lead, in the recipient's language (templates/emails/leads/<kind>.txt)."""
    _send_lead_mail(lead_id, recipient_id, kind)


@shared_task
def lead_reminders_task() -> int:
    return services.lead_reminders_send()


@shared_task
def expire_offers_task() -> int:
    return services.offers_expire()


# Old names, kept for one release (see the module docstring).
@shared_task(name="crm.tasks.send_lead_mail_task")
def send_lead_mail_task_alias(lead_id: int, recipient_id: int, kind: str) -> None:
    _send_lead_mail(lead_id, recipient_id, kind)


@shared_task(name="crm.tasks.lead_reminders_task")
def lead_reminders_task_alias() -> int:
    return services.lead_reminders_send()


@shared_task(name="crm.tasks.expire_offers_task")
def expire_offers_task_alias() -> int:
    return services.offers_expire()
