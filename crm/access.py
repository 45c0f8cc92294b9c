"""Who sees and edits the register's objects, built on accounts.access (the one source of role rules).

- Account managers and admins read and edit every customer they see, and its contacts, interactions,
  deliveries and agreements; the account team is changed by the responsible manager or an admin.
- Management reads every customer and entry (200, with no edit controls) and gets 403 when it asks to edit;
  following a customer is personal and changes no customer data, so management may.
- Teachers see organisations' names only (accounts.access.nameable_organisations): 403 on the register's pages.
- Archived customers and their entries are 404 to all but admins; so is anything the user may not see.

Each `get_<thing>_for_user(user, pk)` returns (object, may_edit) from a lookup filtered by what the user may
see, never fetched and then checked; `get_rw_<thing>_for_user` also raises 403 unless the user may edit it.
"""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.access import (
    can_change_account_team,
    can_edit_entry,
    can_edit_organisation,
    can_view_register,
    is_account_manager,
    is_teacher,
    sees_archived,
    writable,
)
from crm.models import Contact, Delivery, Interaction, Organisation, PartnershipAgreement


def visible_organisations(user) -> QuerySet:
    if not can_view_register(user):
        return Organisation.objects.none()
    if sees_archived(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(is_archived=False)


def organisation_scope(user) -> str:
    """Which rows visible_organisations(user) holds, as a key for figures cached per audience, not per user."""
    if not can_view_register(user):
        return "none"
    return "all" if sees_archived(user) else "active"


def nameable_organisations(user) -> QuerySet:
    """Organisations whose name the user may see (teachers pick them when passing a lead)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(is_archived=False)


# A role's own first page, named by an app above crm (the roadmap's dashboard for management); crm imports none.
_LANDING_PAGES: dict[str, str] = {}


def register_landing_page(role: str, url_name: str) -> None:
    _LANDING_PAGES[str(role)] = url_name


def landing_page(user) -> str | None:
    """Each role's first page: My work for account managers, a page an app registered for its role (management's
    dashboard), the register for its other readers, My leads for teachers."""
    if is_account_manager(user):
        return "crm:my_work"
    for role, url_name in _LANDING_PAGES.items():
        if user.is_authenticated and user.has_role(role):
            return url_name
    if can_view_register(user):
        return "crm:organisation_list"
    if is_teacher(user):
        return "leads:my_leads"
    return None


def becomes_manager_of_new_customer(user) -> bool:
    """An account manager who adds a customer with no responsible manager becomes it."""
    return is_account_manager(user)


def get_organisation_for_user(
    user, pk: int, *, preload: tuple[str, ...] = (), annotate: dict | None = None
) -> tuple[Organisation, bool]:
    """A customer the user may see (else 404) and whether they may edit it; `preload` names related rows to join,
    `annotate` figures to compute in the same query."""
    queryset = visible_organisations(user).select_related(*preload)
    organisation = get_object_or_404(queryset.annotate(**annotate) if annotate else queryset, pk=pk)
    return organisation, can_edit_organisation(user, organisation)


def get_rw_organisation_for_user(user, pk: int) -> Organisation:
    return writable(get_organisation_for_user(user, pk))


def get_account_team_for_user(user, pk: int) -> tuple[Organisation, bool]:
    """A customer with its managers loaded, and whether the user may change its account team."""
    organisation = get_object_or_404(
        visible_organisations(user).select_related("account_manager", "deputy_manager"), pk=pk
    )
    return organisation, can_change_account_team(user, organisation)


def get_rw_account_team_for_user(user, pk: int) -> Organisation:
    return writable(get_account_team_for_user(user, pk))


def _entry_for_user(user, queryset: QuerySet, pk: int):
    """An entry of a customer the user may see, its customer loaded, and whether the user may edit it."""
    entry = get_object_or_404(
        queryset.select_related("organisation").filter(organisation__in=visible_organisations(user)), pk=pk
    )
    return entry, can_edit_entry(user, entry)


def get_contact_for_user(user, pk: int, *, anonymised: bool = False) -> tuple[Contact, bool]:
    """A contact person; an anonymised one only with `anonymised` (its data export still answers, its form not)."""
    queryset = Contact.objects.all() if anonymised else Contact.objects.filter(anonymised_at__isnull=True)
    return _entry_for_user(user, queryset, pk)


def get_rw_contact_for_user(user, pk: int, *, anonymised: bool = False) -> Contact:
    return writable(get_contact_for_user(user, pk, anonymised=anonymised))


def get_interaction_for_user(user, pk: int) -> tuple[Interaction, bool]:
    return _entry_for_user(user, Interaction.objects.all(), pk)


def get_rw_interaction_for_user(user, pk: int) -> Interaction:
    return writable(get_interaction_for_user(user, pk))


def get_delivery_for_user(user, pk: int) -> tuple[Delivery, bool]:
    return _entry_for_user(user, Delivery.objects.all(), pk)


def get_rw_delivery_for_user(user, pk: int) -> Delivery:
    return writable(get_delivery_for_user(user, pk))


def get_agreement_for_user(user, pk: int) -> tuple[PartnershipAgreement, bool]:
    return _entry_for_user(user, PartnershipAgreement.objects.all(), pk)


def get_rw_agreement_for_user(user, pk: int) -> PartnershipAgreement:
    return writable(get_agreement_for_user(user, pk))
