"""Working a lead through its states; each step is recorded and the teacher who passed it is told."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import require
from accounts.messages import build, is_legacy, legacy_text
from accounts.notifications import notify
from crm import services
from crm.access import becomes_manager_of_new_customer
from crm.models import Delivery, Organisation, ServiceType
from crm.timeline import timeline_add
from leads import messages
from leads.access import can_assign_lead
from leads.models import (
    NEED_SERVICE_TYPE,
    Lead,
    LeadSettings,
    Offer,
    OfferLine,
)
from leads.services.events import queue_mail, record_event, tell_teacher
from leads.services.offers import offer_save
from leads.services.passing import log_workplace_visit


class LeadStateError(ValueError):
    pass


def _require_move(lead: Lead, state: str) -> None:
    if not lead.can_move_to(state):
        raise LeadStateError(
            _("A lead that is %(current)s cannot become %(new)s.")
            % {"current": lead.get_state_display().lower(), "new": Lead.State(state).label.lower()}
        )


def _locked(lead: Lead) -> Lead:
    return Lead.objects.select_for_update(of=("self",)).select_related("organisation", "unit__head").get(pk=lead.pk)


@transaction.atomic
def lead_assign(*, lead: Lead, assignee, actor) -> Lead:
    """Give the lead to `assignee`. One someone holds only its unit's head or an admin reassigns; they are told."""
    lead = _locked(lead)
    # Checked again on the locked row: two people taking the same new lead at once, the second is refused.
    require(can_assign_lead(actor, lead))
    _require_move(lead, Lead.State.ASSIGNED)
    previous = lead.assignee
    lead.assignee = assignee
    lead.state = Lead.State.ASSIGNED
    lead.assigned_at = timezone.now()
    lead.save(update_fields=["assignee", "state", "assigned_at"])
    record_event(lead, actor=actor, **messages.assigned_message(assignee))
    if assignee != actor:
        notify(recipient=assignee, url=lead.get_absolute_url(), **messages.assigned_to_you_message(lead, actor))
        queue_mail(lead=lead, recipient=assignee, kind="assigned")
    if previous is not None and previous not in (assignee, actor):
        notify(
            recipient=previous,
            url=lead.get_absolute_url(),
            **messages.reassigned_from_you_message(lead, actor, assignee),
        )
    return lead


@transaction.atomic
def lead_mark_contacted(*, lead: Lead, actor, note: str = "") -> Lead:
    """The customer was contacted: stops the reminders; the contact goes on the customer's timeline."""
    lead = _locked(lead)
    _require_move(lead, Lead.State.CONTACTED)
    now = timezone.now()
    if lead.assignee_id is None:
        lead.assignee = actor
        lead.assigned_at = now
    lead.state = Lead.State.CONTACTED
    lead.contacted_at = lead.contacted_at or now
    lead.save(update_fields=["assignee", "assigned_at", "state", "contacted_at"])
    record_event(lead, actor=actor, note=note, occurred_at=now, code="leads.contacted")
    tell_teacher(lead, actor, messages.teacher_contacted_message(lead))
    return lead


@transaction.atomic
def lead_qualify(*, lead: Lead, actor, organisation: Organisation | None = None, create_new: bool = False) -> Lead:
    """A real need: the organisation must be in the register now (linked, or created from the teacher's name)."""
    lead = _locked(lead)
    _require_move(lead, Lead.State.QUALIFIED)
    if organisation is None and create_new and not lead.organisation_id:
        organisation = Organisation(name=lead.new_organisation_name.strip(), business_id=lead.new_business_id)
        # A qualifier who becomes the account manager brings their primary unit; otherwise the unit that
        # handled the lead answers for the customer.
        becomes_manager = becomes_manager_of_new_customer(actor)
        organisation.responsible_unit = (actor.primary_unit_or_none() if becomes_manager else None) or lead.unit
        if lead.new_business_id and Organisation.objects.filter(business_id=lead.new_business_id).exists():
            organisation.business_id = ""
        organisation = services.organisation_save(organisation=organisation, actor=actor)
        if organisation.account_manager_id is None and becomes_manager:
            services.account_team_assign(organisation=organisation, manager=actor, deputy=None, actor=actor)
            organisation.refresh_from_db()
    if organisation is not None and organisation.pk != lead.organisation_id:
        _link_organisation(lead, organisation)
    if not lead.organisation_id:
        raise LeadStateError(_("Link the lead to an organisation in the register, or add it, before qualifying."))
    lead.state = Lead.State.QUALIFIED
    lead.save(update_fields=["organisation", "state"])
    record_event(lead, actor=actor, code="leads.qualified")
    return lead


def _link_organisation(lead: Lead, organisation: Organisation) -> None:
    """Copy the lead's history so far onto the organisation's timeline, then keep writing there."""
    lead.organisation = organisation
    lead.save(update_fields=["organisation"])
    for event in lead.events.select_related("actor"):
        timeline_add(
            organisation=organisation,
            kind="lead",
            actor=event.actor,
            occurred_at=event.occurred_at,
            url=lead.get_absolute_url(),
            **_event_on_timeline(event),
        )
    if lead.visited_on:
        log_workplace_visit(lead)


def _event_on_timeline(event) -> dict:
    """An earlier history line copied to the timeline; one written before message codes keeps its text."""
    if is_legacy(event.code):
        return build("leads.event", event=legacy_text(event.summary))
    return messages.event_on_timeline(build(event.code, **event.params))


@transaction.atomic
def lead_convert_to_offer(*, lead: Lead, actor) -> Offer:
    lead = _locked(lead)
    _require_move(lead, Lead.State.CONVERTED)
    offer = Offer(
        organisation=lead.organisation,
        lead=lead,
        title=_("%(need)s: %(organisation)s") % {"need": lead.get_need_display(), "organisation": lead.organisation},
        responsible=actor,
        valid_until=timezone.localdate() + datetime.timedelta(days=LeadSettings.load().offer_validity_days),
        notes=lead.description,
    )
    service_type = ServiceType.objects.filter(code=NEED_SERVICE_TYPE.get(lead.need, "other")).first()
    lines = (
        [
            OfferLine(
                service_type=service_type,
                description=lead.get_need_display(),
                quantity=Decimal("1"),
                unit_price=Decimal("0.00"),
            )
        ]
        if service_type
        else []
    )
    offer = offer_save(offer=offer, lines=lines, actor=actor)
    _finish_conversion(lead, actor, Lead.ConvertedTo.OFFER)
    return offer


@transaction.atomic
def lead_convert_to_delivery(*, lead: Lead, actor, start_date: datetime.date | None = None) -> Delivery:
    lead = _locked(lead)
    _require_move(lead, Lead.State.CONVERTED)
    service_type = ServiceType.objects.get(code=NEED_SERVICE_TYPE.get(lead.need, "other"))
    delivery = Delivery(
        organisation=lead.organisation,
        service_type=service_type,
        title=_("%(need)s: %(organisation)s") % {"need": lead.get_need_display(), "organisation": lead.organisation},
        responsible=actor,
        start_date=start_date or timezone.localdate(),
        notes=lead.description,
    )
    delivery = services.delivery_save(delivery=delivery, actor=actor)
    lead.delivery = delivery
    lead.save(update_fields=["delivery"])
    _finish_conversion(lead, actor, Lead.ConvertedTo.DELIVERY)
    return delivery


def _finish_conversion(lead: Lead, actor, converted_to: str) -> None:
    lead.state = Lead.State.CONVERTED
    lead.converted_to = converted_to
    lead.closed_at = timezone.now()
    lead.save(update_fields=["state", "converted_to", "closed_at"])
    record_event(lead, actor=actor, **messages.converted_message(converted_to))
    tell_teacher(lead, actor, messages.teacher_converted_message(lead, converted_to))


@transaction.atomic
def lead_close(*, lead: Lead, actor, reason: str, note: str = "") -> Lead:
    lead = _locked(lead)
    _require_move(lead, Lead.State.CLOSED)
    lead.state = Lead.State.CLOSED
    lead.close_reason = reason
    lead.closed_at = timezone.now()
    lead.full_clean()
    lead.save(update_fields=["state", "close_reason", "closed_at"])
    record_event(lead, actor=actor, note=note, **messages.closed_message(reason))
    tell_teacher(lead, actor, messages.teacher_closed_message(lead, reason))
    return lead
