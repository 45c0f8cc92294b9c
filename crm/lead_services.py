"""Lead and offer services: passing, routing, working, reminding, offering (issue 4).

Every write that spans rows, the timeline, notifications or e-mail goes here. E-mail goes out through Celery
tasks queued with transaction.on_commit. State rules are on the models (`can_move_to`).

SLA (Kumppani's defaults, admin-editable in LeadSettings; the seeds give none):
- At passing, `contact_due_on` = the day N working days after the day the lead was passed (N = 3), and
  `escalate_on` = M working days after that (M = 3, so 2N in all). Weekends and Finland's public holidays
  (holidays.Finland) are not working days.
- The reminder job (crm.tasks.lead_reminders_task, working-day mornings) reminds the assignee of every lead
  still not contacted after its `contact_due_on` (stage 1; a lead in a triage queue reminds the unit's
  account managers, or its head when it has none), and tells the unit's head after `escalate_on` (stage 2).
- Each reminder is a LeadReminder row unique on (lead, stage, recipient): created with
  bulk_create(ignore_conflicts=True), then claimed with select_for_update(skip_locked=True) and marked sent
  in the same transaction as its notification, so two beats or a killed worker never send one twice.
"""

import datetime
import re
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import (
    Aggregate,
    Avg,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    Q,
)
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import nameable_organisations
from accounts.models import OrgUnit
from accounts.notifications import notify
from accounts.roles import Role
from crm import services
from crm.lib.business_id import is_valid_business_id, normalise_business_id
from crm.lib.workdays import add_working_days
from crm.models import (
    Delivery,
    Interaction,
    Lead,
    LeadEvent,
    LeadReminder,
    LeadRoute,
    LeadSettings,
    Offer,
    OfferLine,
    Organisation,
    ServiceType,
)
from crm.models.leads import NEED_SERVICE_TYPE, Need
from crm.timeline import timeline_add

# --- organisations by name (names only: teachers use this) ----------------------------------------

_BUSINESS_ID_IN_TEXT = re.compile(r"(\d{7}-?\d)")


def match_organisations(user, term: str, limit: int = 10):
    """Up to `limit` organisations whose name contains `term` or whose business ID is `term`.

    The semantics of crm.filters.search_organisations without the contact-person match: teachers may
    see names, not who works where. On PostgreSQL UPPER(name) is trigram-indexed; order by Lower(name).
    """
    term = term.strip()
    if len(term) < 2:
        return Organisation.objects.none()
    queryset = nameable_organisations(user)
    if is_valid_business_id(term):
        queryset = queryset.filter(business_id=normalise_business_id(term))
    else:
        queryset = queryset.filter(Q(name__icontains=term) | Q(business_id__startswith=term))
    return queryset.order_by(Lower("name"), "pk").only("pk", "name", "business_id")[:limit]


def resolve_organisation(user, text: str) -> Organisation | None:
    """The server-side fallback when nothing was picked: a business ID in the text, else a unique exact name."""
    text = text.strip()
    if not text:
        return None
    visible = nameable_organisations(user)
    found = _BUSINESS_ID_IN_TEXT.search(text)
    if found and is_valid_business_id(found.group(1)):
        match = visible.filter(business_id=normalise_business_id(found.group(1))).first()
        if match:
            return match
    name = re.sub(r"\s*\(\d{7}-?\d\)\s*$", "", text)
    matches = list(visible.filter(name__iexact=name)[:2])
    return matches[0] if len(matches) == 1 else None


# --- helpers --------------------------------------------------------------------------------------


def _site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _queue_mail(*, lead: Lead, recipient, kind: str) -> None:
    from crm.tasks import send_lead_mail_task

    if recipient.email:
        lead_id, recipient_id = lead.pk, recipient.pk
        transaction.on_commit(lambda: send_lead_mail_task.delay(lead_id, recipient_id, kind))


def _event(lead: Lead, *, actor, summary: str, note: str = "", occurred_at=None) -> LeadEvent:
    """One line on the lead's history and, when the organisation is known, on the organisation's timeline."""
    when = occurred_at or timezone.now()
    event = LeadEvent.objects.create(
        lead=lead, actor=actor, state=lead.state, summary=str(summary)[:300], note=note, occurred_at=when
    )
    if lead.organisation_id:
        timeline_add(
            organisation=lead.organisation,
            kind="lead",
            actor=actor,
            occurred_at=when,
            summary=f"{_('Lead')}: {summary}",
            url=lead.get_absolute_url(),
        )
    return event


def unit_account_managers(unit: OrgUnit | None):
    if unit is None:
        return get_user_model().objects.none()
    return get_user_model().objects.filter(units=unit, is_active=True, groups__name=Role.ACCOUNT_MANAGER).distinct()


def _triage_recipients(lead: Lead) -> list:
    members = list(unit_account_managers(lead.unit))
    if members:
        return members
    if lead.unit is not None and lead.unit.head is not None and lead.unit.head.is_active:
        return [lead.unit.head]
    return []


# --- passing and routing --------------------------------------------------------------------------


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
    summary = _("%(need)s, passed by %(teacher)s") % {"need": lead.get_need_display(), "teacher": actor}
    _event(lead, actor=actor, summary=summary, occurred_at=lead.created_at)
    if log_visit and lead.organisation_id:
        _log_visit(lead)
    _announce(lead)
    return lead


def _log_visit(lead: Lead) -> None:
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
        notify(
            recipient=lead.assignee,
            text=_("New lead for you: %(lead)s") % {"lead": lead},
            url=lead.get_absolute_url(),
        )
        _queue_mail(lead=lead, recipient=lead.assignee, kind="assigned")
        return
    for recipient in _triage_recipients(lead):
        notify(
            recipient=recipient,
            text=_("New lead in the triage queue of %(unit)s: %(lead)s") % {"unit": lead.unit, "lead": lead},
            url=lead.get_absolute_url(),
        )
        _queue_mail(lead=lead, recipient=recipient, kind="triage")


# --- working a lead -------------------------------------------------------------------------------


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
    lead = _locked(lead)
    _require_move(lead, Lead.State.ASSIGNED)
    lead.assignee = assignee
    lead.state = Lead.State.ASSIGNED
    lead.assigned_at = timezone.now()
    lead.save(update_fields=["assignee", "state", "assigned_at"])
    _event(lead, actor=actor, summary=_("Assigned to %(user)s") % {"user": assignee})
    if assignee != actor:
        notify(
            recipient=assignee,
            text=_("%(actor)s assigned a lead to you: %(lead)s") % {"actor": actor, "lead": lead},
            url=lead.get_absolute_url(),
        )
        _queue_mail(lead=lead, recipient=assignee, kind="assigned")
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
    _event(lead, actor=actor, summary=_("Customer contacted"), note=note, occurred_at=now)
    _tell_teacher(lead, actor, _("Your lead %(lead)s: the customer has been contacted.") % {"lead": lead})
    return lead


@transaction.atomic
def lead_qualify(*, lead: Lead, actor, organisation: Organisation | None = None, create_new: bool = False) -> Lead:
    """A real need: the organisation must be in the register now (linked, or created from the teacher's name)."""
    lead = _locked(lead)
    _require_move(lead, Lead.State.QUALIFIED)
    if organisation is None and create_new and not lead.organisation_id:
        organisation = Organisation(name=lead.new_organisation_name.strip(), business_id=lead.new_business_id)
        if lead.new_business_id and Organisation.objects.filter(business_id=lead.new_business_id).exists():
            organisation.business_id = ""
        organisation = services.organisation_save(organisation=organisation, actor=actor)
        if organisation.account_manager_id is None and actor.has_role(Role.ACCOUNT_MANAGER):
            services.account_team_assign(organisation=organisation, manager=actor, deputy=None, actor=actor)
            organisation.refresh_from_db()
    if organisation is not None and organisation.pk != lead.organisation_id:
        _link_organisation(lead, organisation)
    if not lead.organisation_id:
        raise LeadStateError(_("Link the lead to an organisation in the register, or add it, before qualifying."))
    lead.state = Lead.State.QUALIFIED
    lead.save(update_fields=["organisation", "state"])
    _event(lead, actor=actor, summary=_("Qualified: a real need"))
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
            summary=f"{_('Lead')}: {event.summary}",
            url=lead.get_absolute_url(),
        )
    if lead.visited_on:
        _log_visit(lead)


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
    label = Lead.ConvertedTo(converted_to).label.lower()
    _event(lead, actor=actor, summary=_("Converted to %(what)s") % {"what": label})
    _tell_teacher(
        lead, actor, _("Your lead %(lead)s was converted to %(what)s. Thank you!") % {"lead": lead, "what": label}
    )


@transaction.atomic
def lead_close(*, lead: Lead, actor, reason: str, note: str = "") -> Lead:
    lead = _locked(lead)
    _require_move(lead, Lead.State.CLOSED)
    lead.state = Lead.State.CLOSED
    lead.close_reason = reason
    lead.closed_at = timezone.now()
    lead.full_clean()
    lead.save(update_fields=["state", "close_reason", "closed_at"])
    _event(lead, actor=actor, summary=_("Closed: %(reason)s") % {"reason": lead.get_close_reason_display()}, note=note)
    _tell_teacher(
        lead,
        actor,
        _("Your lead %(lead)s was closed: %(reason)s.")
        % {"lead": lead, "reason": lead.get_close_reason_display().lower()},
    )
    return lead


def _tell_teacher(lead: Lead, actor, text: str) -> None:
    """The feedback that keeps teachers passing leads: an in-app note on each step of their lead."""
    if lead.passed_by_id and lead.passed_by_id != actor.pk:
        notify(recipient=lead.passed_by, text=text, url=lead.get_absolute_url())


# --- reminders ------------------------------------------------------------------------------------


def _uncontacted():
    return Lead.objects.filter(state__in=Lead.UNCONTACTED_STATES, contacted_at__isnull=True)


def lead_reminders_send(*, today: datetime.date | None = None) -> int:
    """Create the due reminder rows (idempotently), then send each unsent one exactly once. Returns how many sent."""
    today = today or timezone.localdate()
    rows = []
    for lead in _uncontacted().filter(contact_due_on__lt=today).select_related("unit__head", "assignee"):
        recipients = [lead.assignee] if lead.assignee_id else _triage_recipients(lead)
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
                text = _("Reminder: the lead %(lead)s has not been contacted yet (due %(due)s).")
                kind = "reminder"
            else:
                text = _("Escalation: the lead %(lead)s has not been contacted yet (due %(due)s).")
                kind = "escalation"
            notify(
                recipient=reminder.recipient,
                text=text % {"lead": lead, "due": lead.contact_due_on.strftime("%-d.%-m.%Y")},
                url=lead.get_absolute_url(),
            )
            _queue_mail(lead=lead, recipient=reminder.recipient, kind=kind)
            reminder.sent_at = now
            sent += 1
        LeadReminder.objects.bulk_update(claimed, ["sent_at"])
    return sent


def lead_mail_context(lead_id: int, recipient_id: int) -> dict:
    lead = Lead.objects.select_related("organisation", "passed_by", "unit").get(pk=lead_id)
    recipient = get_user_model().objects.get(pk=recipient_id)
    return {"lead": lead, "recipient": recipient, "url": _site_url(lead.get_absolute_url())}


# --- offers ---------------------------------------------------------------------------------------


class OfferStateError(ValueError):
    pass


@transaction.atomic
def offer_save(*, offer: Offer, lines: list[OfferLine], actor, deleted: list[OfferLine] | None = None) -> Offer:
    """Create or update a draft offer and its lines; the total is the sum of the lines."""
    creating = offer.pk is None
    if not creating and not Offer.objects.filter(pk=offer.pk, state=Offer.State.DRAFT).exists():
        raise OfferStateError(_("Only a draft offer can be changed."))
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
            summary=_("Offer drafted: %(title)s") % {"title": offer.title},
            source=offer,
        )
    return offer


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
    timeline_add(
        organisation=offer.organisation,
        kind="offer",
        actor=actor,
        summary=_("Offer sent: %(title)s") % {"title": offer.title},
        url=offer.get_absolute_url(),
    )
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
        start_date=start_date or timezone.localdate(),
        value=offer.total,
        notes=offer.notes,
    )
    delivery = services.delivery_save(delivery=delivery, actor=actor)
    offer.delivery = delivery
    offer.decided_at = timezone.now()
    offer.save(update_fields=["state", "delivery", "decided_at"])
    timeline_add(
        organisation=offer.organisation,
        kind="offer",
        actor=actor,
        summary=_("Offer accepted: %(title)s") % {"title": offer.title},
        url=offer.get_absolute_url(),
    )
    if offer.lead_id:
        LeadEvent.objects.create(
            lead=offer.lead, actor=actor, state=offer.lead.state, summary=_("The customer accepted the offer")
        )
        _tell_teacher(
            offer.lead, actor, _("Your lead %(lead)s: the customer accepted the offer.") % {"lead": offer.lead}
        )
    return offer


@transaction.atomic
def offer_reject(*, offer: Offer, actor) -> Offer:
    offer = _move_offer(offer, Offer.State.REJECTED)
    offer.decided_at = timezone.now()
    offer.save(update_fields=["state", "decided_at"])
    timeline_add(
        organisation=offer.organisation,
        kind="offer",
        actor=actor,
        summary=_("Offer rejected: %(title)s") % {"title": offer.title},
        url=offer.get_absolute_url(),
    )
    if offer.lead_id:
        LeadEvent.objects.create(
            lead=offer.lead, actor=actor, state=offer.lead.state, summary=_("The customer declined the offer")
        )
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
            timeline_add(
                organisation=offer.organisation,
                kind="offer",
                summary=_("Offer expired: %(title)s") % {"title": offer.title},
                url=offer.get_absolute_url(),
            )
            expired += 1
    return expired


# --- statistics -----------------------------------------------------------------------------------


class _Median(Aggregate):
    function = "percentile_cont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def _hours_to_first_contact():
    duration = ExpressionWrapper(F("contacted_at") - F("created_at"), output_field=DurationField())
    return Func(duration, template="EXTRACT(EPOCH FROM %(expressions)s) / 3600.0", output_field=FloatField())


def _lead_aggregates() -> dict:
    aggregates = {
        "total": Count("pk"),
        "contacted": Count("pk", filter=Q(contacted_at__isnull=False)),
        "converted": Count("pk", filter=Q(state=Lead.State.CONVERTED)),
        "closed": Count("pk", filter=Q(state=Lead.State.CLOSED)),
        "open": Count("pk", filter=Q(state__in=Lead.OPEN_STATES)),
    }
    if connection.vendor == "postgresql":
        aggregates["mean_hours"] = Avg(_hours_to_first_contact())
        aggregates["median_hours"] = _Median(_hours_to_first_contact())
    return aggregates


def _with_rate(row: dict) -> dict:
    row["conversion_rate"] = round(100 * row["converted"] / row["total"], 1) if row["total"] else None
    return row


def lead_statistics(queryset) -> dict:
    """Leads per unit and per teacher, conversion rate (converted / passed) and time to first contact.

    Three aggregate queries whatever the number of leads.
    """
    aggregates = _lead_aggregates()
    overall = _with_rate(queryset.aggregate(**aggregates))
    per_unit = [
        _with_rate(row)
        for row in queryset.values("unit_id", "unit__name").annotate(**aggregates).order_by("unit__name")
    ]
    per_teacher = [
        _with_rate(row)
        for row in queryset.values("passed_by_id", "passed_by__first_name", "passed_by__last_name", "passed_by__email")
        .annotate(**aggregates)
        .order_by("-total", "passed_by__last_name")
    ]
    return {"overall": overall, "per_unit": per_unit, "per_teacher": per_teacher}
