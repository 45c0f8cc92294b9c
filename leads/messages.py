"""Sentences about leads and offers (accounts.messages): the lead's history, the timeline and notifications.

Imported from LeadsConfig.ready(). Builders return {"code", "params"}; `manage.py messages_to_codes` uses the
prototypes below to read old rows back.
"""

from django.utils.translation import gettext_lazy as _

from accounts.messages import build, choice, date, nested, register_choices, register_message, user
from leads.models import Lead, Offer
from reminders.models import Reminder

for _code, _template in [
    # A lead as other sentences name it: the organisation and the need.
    ("leads.lead", _("%(organisation)s: %(need)s")),
    # The lead's own history
    ("leads.passed", _("%(need)s, passed by %(teacher)s")),
    ("leads.assigned", _("Assigned to %(user)s")),
    ("leads.contacted", _("Customer contacted")),
    ("leads.qualified", _("Qualified: a real need")),
    ("leads.converted", _("Converted to %(what)s")),
    ("leads.closed", _("Closed: %(reason)s")),
    ("leads.offer_accepted", _("The customer accepted the offer")),
    ("leads.offer_declined", _("The customer declined the offer")),
    # A line of the lead's history on the organisation's timeline
    ("leads.event", _("Lead: %(event)s")),
    # Notifications
    ("leads.new_for_you", _("New lead for you: %(lead)s")),
    ("leads.new_in_triage", _("New lead in the triage queue of %(unit)s: %(lead)s")),
    ("leads.assigned_to_you", _("%(actor)s assigned a lead to you: %(lead)s")),
    ("leads.reassigned_from_you", _("%(actor)s reassigned your lead %(lead)s to %(user)s.")),
    ("leads.teacher_contacted", _("Your lead %(lead)s: the customer has been contacted.")),
    ("leads.teacher_converted", _("Your lead %(lead)s was converted to %(what)s. Thank you!")),
    ("leads.teacher_closed", _("Your lead %(lead)s was closed: %(reason)s.")),
    ("leads.teacher_accepted", _("Your lead %(lead)s: the customer accepted the offer.")),
    ("leads.reminder", _("Reminder: the lead %(lead)s has not been contacted yet (due %(due)s).")),
    ("leads.escalation", _("Escalation: the lead %(lead)s has not been contacted yet (due %(due)s).")),
    # Offers on the timeline
    ("leads.offer_drafted", _("Offer drafted: %(title)s")),
    ("leads.offer_sent", _("Offer sent: %(title)s")),
    ("leads.offer_accepted_timeline", _("Offer accepted: %(title)s")),
    ("leads.offer_rejected", _("Offer rejected: %(title)s")),
    ("leads.offer_expired", _("Offer expired: %(title)s")),
]:
    register_message(_code, _template)

register_choices(Lead, "need", "close_reason", "converted_to")


def lead_name(lead: Lead) -> dict:
    """The lead as a parameter: the organisation's name as written, the need in the reader's language."""
    return nested(build("leads.lead", organisation=lead.organisation_name, need=choice(Lead, "need", lead.need)))


# --- the lead's history --------------------------------------------------------------------------------------


def passed_message(lead: Lead, teacher) -> dict:
    return build("leads.passed", need=choice(Lead, "need", lead.need), teacher=user(teacher))


def assigned_message(assignee) -> dict:
    return build("leads.assigned", user=user(assignee))


def converted_message(converted_to: str) -> dict:
    return build("leads.converted", what=choice(Lead, "converted_to", converted_to, lower=True))


def closed_message(reason: str) -> dict:
    return build("leads.closed", reason=choice(Lead, "close_reason", reason))


def event_on_timeline(event_message: dict) -> dict:
    return build("leads.event", event=nested(event_message))


def event_prototypes(lead: Lead) -> list[dict]:
    """Every sentence a lead's history line may say (choices and names are read from the old text)."""
    return [
        passed_message(lead, lead.passed_by),
        assigned_message(lead.assignee),
        build("leads.contacted"),
        build("leads.qualified"),
        converted_message(Lead.ConvertedTo.OFFER),
        closed_message(Lead.CloseReason.NOT_RELEVANT),
        build("leads.offer_accepted"),
        build("leads.offer_declined"),
    ]


# --- notifications -------------------------------------------------------------------------------------------


def new_for_you_message(lead: Lead) -> dict:
    return build("leads.new_for_you", lead=lead_name(lead))


def new_in_triage_message(lead: Lead) -> dict:
    return build("leads.new_in_triage", unit=lead.unit.name if lead.unit_id else "", lead=lead_name(lead))


def assigned_to_you_message(lead: Lead, actor) -> dict:
    return build("leads.assigned_to_you", actor=user(actor), lead=lead_name(lead))


def reassigned_from_you_message(lead: Lead, actor, assignee) -> dict:
    return build("leads.reassigned_from_you", actor=user(actor), lead=lead_name(lead), user=user(assignee))


def teacher_contacted_message(lead: Lead) -> dict:
    return build("leads.teacher_contacted", lead=lead_name(lead))


def teacher_converted_message(lead: Lead, converted_to: str) -> dict:
    return build(
        "leads.teacher_converted", lead=lead_name(lead), what=choice(Lead, "converted_to", converted_to, lower=True)
    )


def teacher_closed_message(lead: Lead, reason: str) -> dict:
    return build("leads.teacher_closed", lead=lead_name(lead), reason=choice(Lead, "close_reason", reason, lower=True))


def teacher_accepted_message(lead: Lead) -> dict:
    return build("leads.teacher_accepted", lead=lead_name(lead))


def reminder_message(lead: Lead, stage: str) -> dict:
    """The assignee's reminder ("overdue") or the unit head's escalation ("escalated") of a lead not contacted."""
    code = "leads.escalation" if stage == Reminder.Stage.ESCALATED else "leads.reminder"
    return build(code, lead=lead_name(lead), due=date(lead.contact_due_on))


def notification_prototypes(lead: Lead) -> list[dict]:
    return [
        new_for_you_message(lead),
        new_in_triage_message(lead),
        assigned_to_you_message(lead, None),
        teacher_contacted_message(lead),
        teacher_converted_message(lead, Lead.ConvertedTo.OFFER),
        teacher_closed_message(lead, Lead.CloseReason.NOT_RELEVANT),
        teacher_accepted_message(lead),
        *(
            reminder_message(lead, stage)
            for stage in (Reminder.Stage.OVERDUE, Reminder.Stage.ESCALATED)
            if lead.contact_due_on
        ),
    ]


# --- offers on the timeline ----------------------------------------------------------------------------------

OFFER_CODES = {
    "drafted": "leads.offer_drafted",
    "sent": "leads.offer_sent",
    "accepted": "leads.offer_accepted_timeline",
    "rejected": "leads.offer_rejected",
    "expired": "leads.offer_expired",
}


def offer_message(offer: Offer, step: str) -> dict:
    return build(OFFER_CODES[step], title=offer.title)


def offer_prototypes(offer: Offer) -> list[dict]:
    return [offer_message(offer, step) for step in OFFER_CODES]
