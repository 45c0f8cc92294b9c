"""Who may see and work leads and offers, built on accounts.access (which stays the one source of roles).

- Every role passes leads; management too, as passing one changes no customer data.
- Teachers see the leads they passed and organisations' names, nothing more: no contact details, care plans
  or euros. Offers are never shown to them (403; a converted lead shows only "offer" and its state), and
  another person's lead is 404 to them.
- Account managers and admins see and work every lead and offer (knowledge is shared, as in the register);
  the triage queue shows an account manager their units' new leads, an admin every unit's.
- A lead assigned to someone is not taken from them: only the head of the lead's unit (management too) or an
  admin reassigns it (403 to the others), and the previous assignee is told.
- Management sees every lead and offer and the statistics, read-only: 403 when it asks to work or edit one.
- Leads and offers of archived customers are 404 to all but admins, like the customers themselves.

`get_lead_for_user` / `get_offer_for_user` return (object, may_work_or_edit) from a lookup filtered by what the
user may see; their `get_rw_` variants also raise 403 unless the user may work or edit it.
"""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.access import (
    can_edit_register,
    can_see_money,
    can_view_register,
    is_admin,
    not_archived,
    writable,
)
from accounts.models import OrgUnit
from accounts.roles import Role
from leads.models import Lead, Offer

LEAD_PASSER_ROLES = (Role.TEACHER, Role.ACCOUNT_MANAGER, Role.MANAGEMENT, Role.ADMIN)
LEAD_STATS_ROLES = (Role.MANAGEMENT, Role.ADMIN)
LEAD_RELATED = ("organisation", "passed_by", "assignee", "unit", "delivery")
OFFER_RELATED = ("organisation", "lead", "responsible", "delivery", "unit")


def can_pass_lead(user) -> bool:
    return user.is_authenticated and user.has_role(*LEAD_PASSER_ROLES)


def can_pick_organisations(user) -> bool:
    """The organisation autocomplete and picker: whoever passes leads or reads the register."""
    return can_pass_lead(user) or can_view_register(user)


def visible_leads(user) -> QuerySet:
    if not user.is_authenticated:
        return Lead.objects.none()
    leads = Lead.objects.all() if can_view_register(user) else Lead.objects.filter(passed_by=user)
    return not_archived(leads, user)


def passed_leads(user) -> QuerySet:
    """The leads the user passed, for My leads (those of archived customers are hidden like the customers)."""
    return visible_leads(user).filter(passed_by=user)


def leads_for_statistics(user) -> QuerySet:
    """Statistics count every lead, archived customers' too: archiving a customer does not rewrite past figures."""
    if not (user.is_authenticated and user.has_role(*LEAD_STATS_ROLES)):
        return Lead.objects.none()
    return Lead.objects.all()


def triage_units(user) -> QuerySet:
    """The units whose triage queue the user works: their own units; an admin every unit."""
    if is_admin(user):
        return OrgUnit.objects.filter(is_active=True)
    return user.units.filter(is_active=True)


def can_see_lead_details(user) -> bool:
    """Contacts' details, the assignee's working notes and offers: register roles only."""
    return can_view_register(user)


def can_work_lead(user, lead: Lead | None = None) -> bool:
    return can_edit_register(user)


def can_reassign_lead(user, lead: Lead) -> bool:
    """Give a lead to another person: an admin, or the head of the lead's unit (who gets its escalations),
    whatever their role: sharing out the unit's work changes no customer data."""
    if is_admin(user):
        return True
    return can_view_register(user) and lead.unit_id is not None and lead.unit.head_id == user.pk


def can_assign_lead(user, lead: Lead) -> bool:
    """Take or assign a lead: anyone who works leads while nobody holds it; once someone does, a reassignment."""
    return (can_work_lead(user, lead) and lead.assignee_id is None) or can_reassign_lead(user, lead)


def visible_offers(user) -> QuerySet:
    # Offers carry euros: only roles that may see money see them.
    if not can_see_money(user):
        return Offer.objects.none()
    return not_archived(Offer.objects.all(), user)


def can_edit_offer(user, offer: Offer | None = None) -> bool:
    return can_edit_register(user)


def get_lead_for_user(user, pk: int) -> tuple[Lead, bool]:
    """A lead the user may see (else 404), its people and customer loaded, and whether they may work it."""
    lead = get_object_or_404(visible_leads(user).select_related(*LEAD_RELATED), pk=pk)
    return lead, can_work_lead(user, lead)


def get_rw_lead_for_user(user, pk: int) -> Lead:
    return writable(get_lead_for_user(user, pk))


def get_offer_for_user(user, pk: int) -> tuple[Offer, bool]:
    offer = get_object_or_404(visible_offers(user).select_related(*OFFER_RELATED), pk=pk)
    return offer, can_edit_offer(user, offer)


def get_rw_offer_for_user(user, pk: int) -> Offer:
    return writable(get_offer_for_user(user, pk))
