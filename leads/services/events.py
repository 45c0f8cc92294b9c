"""What every step of a lead writes: its history line, the timeline, notices and mail to the people concerned."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.messages import build, check_message
from accounts.models import OrgUnit
from accounts.notifications import notify
from accounts.roles import Role
from crm.timeline import timeline_add
from leads.messages import event_on_timeline
from leads.models import (
    Lead,
    LeadEvent,
)
from outbox.services import email_queue

LEAD_MAIL_KINDS = ("assigned", "triage", "reminder", "escalation")


def queue_mail(*, lead: Lead, recipient, kind: str) -> None:
    """Queue templates/emails/leads/<kind> in the outbox, in this transaction; it is rendered when sent."""
    if kind not in LEAD_MAIL_KINDS:
        raise ValueError(f"unknown lead mail {kind!r}")
    if recipient.email:
        email_queue(
            to=recipient.email,
            template=f"emails/leads/{kind}",
            context={"lead": lead.pk, "recipient": recipient.pk},
            language=recipient.language or settings.LANGUAGE_CODE,
        )


def record_event(
    lead: Lead, *, actor, code: str, params: dict | None = None, note: str = "", occurred_at=None
) -> LeadEvent:
    """One line on the lead's history and, when the organisation is known, on the organisation's timeline."""
    when = occurred_at or timezone.now()
    params = check_message(code, params)
    event = LeadEvent.objects.create(
        lead=lead, actor=actor, state=lead.state, code=code, params=params, note=note, occurred_at=when
    )
    if lead.organisation_id:
        timeline_add(
            organisation=lead.organisation,
            kind="lead",
            actor=actor,
            occurred_at=when,
            url=lead.get_absolute_url(),
            **event_on_timeline(build(code, **params)),
        )
    return event


def unit_account_managers(unit: OrgUnit | None):
    if unit is None:
        return get_user_model().objects.none()
    return get_user_model().objects.filter(units=unit, is_active=True, groups__name=Role.ACCOUNT_MANAGER).distinct()


def triage_recipients(lead: Lead) -> list:
    members = list(unit_account_managers(lead.unit))
    if members:
        return members
    if lead.unit is not None and lead.unit.head is not None and lead.unit.head.is_active:
        return [lead.unit.head]
    return []


def tell_teacher(lead: Lead, actor, message: dict) -> None:
    """The feedback that keeps teachers passing leads: an in-app note (a built message) on each step of their lead."""
    if lead.passed_by_id and lead.passed_by_id != actor.pk:
        notify(recipient=lead.passed_by, url=lead.get_absolute_url(), **message)
