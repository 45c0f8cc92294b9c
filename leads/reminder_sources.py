"""Leads not contacted in time as a source of the reminder engine.

SLA (Kumppani's defaults, admin-editable in LeadSettings; the source documents give none): at passing,
`contact_due_on` is the day N working days after the lead was passed (N = 3) and `escalate_on` M working
days after that (M = 3). Weekends and Finland's public holidays are not working days (holidays.Finland).
- a lead still not contacted after its `contact_due_on` reminds its assignee (stage "overdue"); a lead in a
  triage queue reminds the unit's account managers, or its head when it has none;
- after `escalate_on` the unit's head is told (stage "escalated").
Reminders about working-day deadlines go out on working days only. Each (lead, stage, recipient) once.
"""

import datetime
from collections.abc import Iterator

from kumppani.lib.workdays import is_working_day
from leads.messages import reminder_message
from leads.models import Lead
from leads.services.events import triage_recipients
from reminders.models import Reminder
from reminders.registry import Due, ReminderSource, register_source

Stage = Reminder.Stage


def _uncontacted():
    return Lead.objects.filter(state__in=Lead.UNCONTACTED_STATES, contacted_at__isnull=True)


def due(today: datetime.date) -> Iterator[Due]:
    if not is_working_day(today):
        return
    for lead in _uncontacted().filter(contact_due_on__lt=today).select_related("unit__head", "assignee"):
        recipients = [lead.assignee] if lead.assignee_id else triage_recipients(lead)
        for recipient in recipients:
            yield Due(lead.pk, Stage.OVERDUE, recipient.pk, lead.contact_due_on)
    for lead in _uncontacted().filter(escalate_on__lt=today, unit__head__isnull=False).select_related("unit"):
        yield Due(lead.pk, Stage.ESCALATED, lead.unit.head_id, lead.escalate_on)


def is_open(lead: Lead) -> bool:
    return lead.state in Lead.UNCONTACTED_STATES and lead.contacted_at is None


def message(lead: Lead, reminder: Reminder) -> dict:
    return reminder_message(lead, reminder.stage)


def mail_template(stage: str) -> str:
    return "emails/leads/escalation" if stage == Stage.ESCALATED else "emails/leads/reminder"


def register() -> None:
    from outbox.context import register_context
    from reminders.mail import preload, reminder_context

    register_source(
        ReminderSource(
            model=Lead,
            due=due,
            is_open=is_open,
            message=message,
            mail_template=mail_template,
            item_name="lead",
            select_related=("organisation", "passed_by", "unit"),
        )
    )
    for stage in (Stage.OVERDUE, Stage.ESCALATED):
        register_context(mail_template(stage), reminder_context, preload=preload)
