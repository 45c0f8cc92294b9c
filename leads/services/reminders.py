"""Reminders of leads not contacted in time; each (lead, stage, recipient) exactly once.

SLA (Kumppani's defaults, admin-editable in LeadSettings; the seeds give none):
- At passing, `contact_due_on` = the day N working days after the day the lead was passed (N = 3), and
  `escalate_on` = M working days after that (M = 3, so 2N in all). Weekends and Finland's public holidays
  (holidays.Finland) are not working days.
- The reminder job (leads.tasks.lead_reminders_task, working-day mornings) reminds the assignee of every lead
  still not contacted after its `contact_due_on` (stage 1; a lead in a triage queue reminds the unit's
  account managers, or its head when it has none), and tells the unit's head after `escalate_on` (stage 2).
- Each reminder is a LeadReminder row unique on (lead, stage, recipient): created with
  bulk_create(ignore_conflicts=True), then claimed with select_for_update(skip_locked=True) and marked sent
  in the same transaction as its notification, so two beats or a killed worker never send one twice.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.notifications import notify
from leads.messages import reminder_message
from leads.models import (
    Lead,
    LeadReminder,
)
from leads.services.events import queue_mail, triage_recipients


def _uncontacted():
    return Lead.objects.filter(state__in=Lead.UNCONTACTED_STATES, contacted_at__isnull=True)


def lead_reminders_send(*, today: datetime.date | None = None) -> int:
    """Create the due reminder rows (idempotently), then send each unsent one exactly once. Returns how many sent."""
    today = today or timezone.localdate()
    rows = []
    for lead in _uncontacted().filter(contact_due_on__lt=today).select_related("unit__head", "assignee"):
        recipients = [lead.assignee] if lead.assignee_id else triage_recipients(lead)
        rows += [LeadReminder(lead=lead, stage=LeadReminder.Stage.ASSIGNEE, recipient=r) for r in recipients]
    for lead in _uncontacted().filter(escalate_on__lt=today, unit__head__isnull=False).select_related("unit__head"):
        rows.append(LeadReminder(lead=lead, stage=LeadReminder.Stage.UNIT_HEAD, recipient=lead.unit.head))
    LeadReminder.objects.bulk_create(rows, ignore_conflicts=True)

    sent = 0
    with transaction.atomic():
        claimed = list(
            LeadReminder.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(sent_at__isnull=True, lead__contacted_at__isnull=True, lead__state__in=Lead.UNCONTACTED_STATES)
            .select_related("lead__organisation", "recipient")
        )
        now = timezone.now()
        for reminder in claimed:
            lead = reminder.lead
            if reminder.stage == LeadReminder.Stage.ASSIGNEE:
                kind = "reminder"
            else:
                kind = "escalation"
            notify(
                recipient=reminder.recipient,
                url=lead.get_absolute_url(),
                **reminder_message(lead, reminder.stage),
            )
            queue_mail(lead=lead, recipient=reminder.recipient, kind=kind)
            reminder.sent_at = now
            sent += 1
        LeadReminder.objects.bulk_update(claimed, ["sent_at"])
    return sent
