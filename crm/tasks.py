"""Celery tasks of the register: thin wrappers that take IDs, load rows and call a service."""

from celery import shared_task
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from crm import lead_services

LEAD_MAIL_KINDS = ("assigned", "triage", "reminder", "escalation")


@shared_task
def send_lead_mail_task(lead_id: int, recipient_id: int, kind: str) -> None:
    """E-mail about a lead, in the recipient's language (templates/emails/leads/<kind>.txt)."""
    if kind not in LEAD_MAIL_KINDS:
        raise ValueError(f"unknown lead mail {kind!r}")
    context = lead_services.lead_mail_context(lead_id, recipient_id)
    recipient = context["recipient"]
    with translation.override(recipient.language or "fi"):
        subject = " ".join(render_to_string(f"emails/leads/{kind}_subject.txt", context).split())
        body = render_to_string(f"emails/leads/{kind}.txt", context)
    send_mail(subject, body, None, [recipient.email])


@shared_task
def lead_reminders_task() -> int:
    return lead_services.lead_reminders_send()


@shared_task
def expire_offers_task() -> int:
    return lead_services.offers_expire()
