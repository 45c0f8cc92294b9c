"""Who may see and work leads and offers, built on accounts.access (which stays the one source of roles).

- Teachers see the leads they passed and organisations' names, nothing more: no contact details,
  care plans or euros (offers are never shown to them; a converted lead shows only "offer" and its state).
- Account managers and admins see and work every lead and offer (knowledge is shared, as in the register).
- Management sees every lead and offer, read-only, and the statistics.
"""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.access import can_edit_register, can_view_register, require
from accounts.roles import Role
from leads.models import Lead, Offer

LEAD_PASSER_ROLES = (Role.TEACHER, Role.ACCOUNT_MANAGER, Role.MANAGEMENT, Role.ADMIN)
LEAD_STATS_ROLES = (Role.MANAGEMENT, Role.ADMIN)


def can_pass_lead(user) -> bool:
    return user.is_authenticated and user.has_role(*LEAD_PASSER_ROLES)


def visible_leads(user) -> QuerySet:
    if not user.is_authenticated:
        return Lead.objects.none()
    if can_view_register(user):
        return Lead.objects.all()
    return Lead.objects.filter(passed_by=user)


def can_see_lead_details(user) -> bool:
    """Contacts' details, the assignee's working notes and offers: register roles only."""
    return can_view_register(user)


def can_work_lead(user, lead: Lead) -> bool:
    return can_edit_register(user)


def visible_offers(user) -> QuerySet:
    # Offers carry euros: only roles that may see money (accounts.access.can_see_money) see them.
    if not can_view_register(user):
        return Offer.objects.none()
    return Offer.objects.all()


def can_edit_offer(user, offer: Offer | None = None) -> bool:
    return can_edit_register(user)


def get_lead_for_user(request, pk: int, *, work: bool = False) -> Lead:
    """Strangers get 404 (filtered lookup); read-only users asking to work it get 403."""
    lead = get_object_or_404(
        visible_leads(request.user).select_related("organisation", "passed_by", "assignee", "unit", "delivery"), pk=pk
    )
    if work:
        require(can_work_lead(request.user, lead))
    return lead


def get_offer_for_user(request, pk: int, *, edit: bool = False) -> Offer:
    offer = get_object_or_404(
        visible_offers(request.user).select_related("organisation", "lead", "responsible", "delivery"), pk=pk
    )
    if edit:
        require(can_edit_offer(request.user, offer))
    return offer
