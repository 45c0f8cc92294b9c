"""Passing a lead and routing it: to the organisation's account manager, else the need's unit's triage queue."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.notifications import notify
from crm import services
from crm.models import Interaction
from kumppani.lib.workdays import add_working_days
from leads import messages
from leads.models import (
    Lead,
    LeadRoute,
    LeadSettings,
    Need,
)
from leads.services.events import queue_mail, record_event, triage_recipients


def lead_route(lead: Lead) -> None:
    """Fill in unit, assignee and state: the organisation's account manager, else the need's unit's triage queue.

    The unit is kept even when a manager is assigned: statistics are per unit and escalation goes to its head.
    """
    route = LeadRoute.objects.select_related("unit__head").filter(need=lead.need).first()
    if route is None:
        route = LeadRoute.objects.select_related("unit__head").filter(need=Need.OTHER).first()
    lead.unit = route.unit if route else None
    manager = lead.organisation.account_manager if lead.organisation_id else None
    if manager is not None and manager.is_active:
        lead.assignee = manager
        lead.state = Lead.State.ASSIGNED
        lead.assigned_at = timezone.now()
    else:
        lead.assignee = None
        lead.state = Lead.State.NEW


# A lead for the same organisation and need by the same person this soon is most likely the same one sent
# twice (a double tap on a weak connection, a retry): the form asks before sending it again (decided).
DUPLICATE_WINDOW = timedelta(minutes=30)


def lead_recent_duplicate(*, lead: Lead, actor) -> Lead | None:
    """The same person's lead for the same organisation and need passed within the last 30 minutes, if any."""
    if not getattr(actor, "pk", None):
        return None
    recent = Lead.objects.filter(
        passed_by=actor, need=lead.need, created_at__gte=timezone.now() - DUPLICATE_WINDOW
    ).order_by("-created_at")
    if lead.organisation_id:
        recent = recent.filter(organisation_id=lead.organisation_id)
    else:
        name = lead.new_organisation_name.strip()
        if not name:
            return None
        recent = recent.filter(organisation__isnull=True, new_organisation_name__iexact=name)
    return recent.first()


@transaction.atomic
def lead_pass(*, lead: Lead, actor, log_visit: bool = False) -> Lead:
    """A teacher (or anyone) passes a lead: store it, route it, tell the assignee or the triage queue."""
    lead.passed_by = actor
    lead.created_at = timezone.now()
    if log_visit:
        lead.visited_on = timezone.localdate(lead.created_at)
    lead_settings = LeadSettings.load()
    passed_on = timezone.localdate(lead.created_at)
    lead.contact_due_on = add_working_days(passed_on, lead_settings.contact_within_working_days)
    lead.escalate_on = add_working_days(lead.contact_due_on, lead_settings.escalate_after_working_days)
    lead_route(lead)
    lead.full_clean()
    lead.save()
    record_event(lead, actor=actor, occurred_at=lead.created_at, **messages.passed_message(lead, actor))
    if log_visit and lead.organisation_id:
        log_workplace_visit(lead)
    _announce(lead)
    return lead


def log_workplace_visit(lead: Lead) -> None:
    interaction = Interaction(
        organisation=lead.organisation,
        kind=Interaction.Kind.WORKPLACE_VISIT,
        channel=Interaction.Channel.IN_PERSON,
        occurred_at=lead.created_at,
        subject=_("Workplace visit; lead passed: %(need)s") % {"need": lead.get_need_display()},
    )
    services.interaction_save(interaction=interaction, actor=lead.passed_by, participants=[lead.passed_by])


def _announce(lead: Lead) -> None:
    """Notify and e-mail the assignee, or everyone who works the unit's triage queue."""
    if lead.assignee_id:
        notify(recipient=lead.assignee, url=lead.get_absolute_url(), **messages.new_for_you_message(lead))
        queue_mail(lead=lead, recipient=lead.assignee, kind="assigned")
        return
    for recipient in triage_recipients(lead):
        notify(recipient=recipient, url=lead.get_absolute_url(), **messages.new_in_triage_message(lead))
        queue_mail(lead=lead, recipient=recipient, kind="triage")
