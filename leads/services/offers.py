"""Offers: drafting, sending, the customer's decision (accepting creates the delivery) and expiry."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crm import services
from crm.models import Delivery, ServiceType
from crm.timeline import timeline_add
from leads import messages
from leads.models import (
    LeadEvent,
    Offer,
    OfferLine,
)
from leads.services.events import tell_teacher


class OfferStateError(ValueError):
    pass


@transaction.atomic
def offer_save(*, offer: Offer, lines: list[OfferLine], actor, deleted: list[OfferLine] | None = None) -> Offer:
    """Create or update a draft offer and its lines; the total is the sum of the lines.

    An offer without a delivering unit takes its responsible person's primary unit.
    """
    creating = offer.pk is None
    if not creating and not Offer.objects.filter(pk=offer.pk, state=Offer.State.DRAFT).exists():
        raise OfferStateError(_("Only a draft offer can be changed."))
    if offer.unit_id is None and offer.responsible_id:
        offer.unit = offer.responsible.primary_unit_or_none()
    if creating:
        offer.created_by = actor
    offer.total = sum((line.line_total for line in lines), Decimal("0.00"))
    offer.full_clean()
    offer.save()
    for line in deleted or []:
        if line.pk:
            line.delete()
    for order, line in enumerate(lines):
        line.offer = offer
        line.order = order
        line.full_clean()
        line.save()
    if creating:
        timeline_add(
            organisation=offer.organisation,
            kind="offer",
            actor=actor,
            **messages.offer_message(offer, "drafted"),
            source=offer,
        )
    return offer


def _on_timeline(offer: Offer, what: str, *, actor=None) -> None:
    """One line on the customer's timeline for a step of the offer (sent, accepted, rejected, expired)."""
    timeline_add(
        organisation=offer.organisation,
        kind="offer",
        actor=actor,
        url=offer.get_absolute_url(),
        **messages.offer_message(offer, what),
    )


def _move_offer(offer: Offer, state: str) -> Offer:
    offer = Offer.objects.select_for_update(of=("self",)).select_related("organisation", "lead").get(pk=offer.pk)
    if not offer.can_move_to(state):
        raise OfferStateError(
            _("An offer that is %(current)s cannot become %(new)s.")
            % {"current": offer.get_state_display().lower(), "new": Offer.State(state).label.lower()}
        )
    offer.state = state
    return offer


@transaction.atomic
def offer_send(*, offer: Offer, actor) -> Offer:
    offer = _move_offer(offer, Offer.State.SENT)
    if not offer.lines.exists():
        raise OfferStateError(_("Add at least one line before sending the offer."))
    offer.sent_at = timezone.now()
    offer.save(update_fields=["state", "sent_at"])
    _on_timeline(offer, "sent", actor=actor)
    return offer


@transaction.atomic
def offer_accept(*, offer: Offer, actor, start_date: datetime.date | None = None) -> Offer:
    """Accepted: the delivery is created (crm.services.delivery_save) with the offer's value."""
    offer = _move_offer(offer, Offer.State.ACCEPTED)
    first_line = offer.lines.select_related("service_type").first()
    delivery = Delivery(
        organisation=offer.organisation,
        service_type=first_line.service_type if first_line else ServiceType.objects.get(code="other"),
        title=offer.title,
        responsible=offer.responsible,
        unit=offer.unit,  # the unit that offered it delivers it
        start_date=start_date or timezone.localdate(),
        value=offer.total,
        notes=offer.notes,
    )
    delivery = services.delivery_save(delivery=delivery, actor=actor)
    offer.delivery = delivery
    offer.decided_at = timezone.now()
    offer.save(update_fields=["state", "delivery", "decided_at"])
    _on_timeline(offer, "accepted", actor=actor)
    if offer.lead_id:
        LeadEvent.objects.create(lead=offer.lead, actor=actor, state=offer.lead.state, code="leads.offer_accepted")
        tell_teacher(offer.lead, actor, messages.teacher_accepted_message(offer.lead))
    return offer


@transaction.atomic
def offer_reject(*, offer: Offer, actor) -> Offer:
    offer = _move_offer(offer, Offer.State.REJECTED)
    offer.decided_at = timezone.now()
    offer.save(update_fields=["state", "decided_at"])
    _on_timeline(offer, "rejected", actor=actor)
    if offer.lead_id:
        LeadEvent.objects.create(lead=offer.lead, actor=actor, state=offer.lead.state, code="leads.offer_declined")
    return offer


def offers_expire(*, today: datetime.date | None = None) -> int:
    """Sent offers past their validity expire (a conditional update claims each, so a rerun does nothing)."""
    today = today or timezone.localdate()
    expired = 0
    for offer in Offer.objects.filter(state=Offer.State.SENT, valid_until__lt=today).select_related("organisation"):
        with transaction.atomic():
            claimed = Offer.objects.filter(pk=offer.pk, state=Offer.State.SENT).update(
                state=Offer.State.EXPIRED, decided_at=timezone.now()
            )
            if claimed != 1:
                continue
            _on_timeline(offer, "expired")
            expired += 1
    return expired
