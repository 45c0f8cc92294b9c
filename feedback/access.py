"""Who sees feedback, built on accounts.access and crm.access.

- Management and admins see every figure and every answer (comments included) of the customers they see.
- Account managers see the figures (NPS per unit, segment, …: aggregates) and the answers of their own
  customers and of the customers of units they head; the breakdown per account manager only their own row.
- Teachers see no figures and no comments: 403.
- A feedback follow-up is edited by its owner and the customer's editors (management reads).
"""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.access import can_edit_owned, is_admin, writable
from accounts.models import OrgUnit
from accounts.roles import Role
from crm.access import visible_organisations
from feedback.models import Invitation, LoopAction, Response

FIGURE_ROLES = (Role.ACCOUNT_MANAGER, Role.MANAGEMENT, Role.ADMIN)


def sees_every_answer(user) -> bool:
    return user.is_authenticated and user.has_role(Role.MANAGEMENT, Role.ADMIN)


def headed_unit_ids(user) -> set[int]:
    ids: set[int] = set()
    for unit in OrgUnit.objects.filter(head=user, is_active=True):
        ids |= unit.descendant_ids()
    return ids


def answer_scope(user) -> Q:
    """Which customers' answers the user reads one by one: all, or their own and their units' customers."""
    if sees_every_answer(user):
        return Q()
    units = headed_unit_ids(user)
    own = Q(organisation__account_manager=user)
    return own | Q(organisation__responsible_unit__in=units) if units else own


def figure_responses(user) -> QuerySet:
    """The answers the user's figures are computed from: every answer on a customer they see."""
    return Response.objects.filter(organisation__in=visible_organisations(user))


def visible_responses(user) -> QuerySet:
    """The answers the user may read one by one (comments and all)."""
    if not user.is_authenticated or not user.has_role(*FIGURE_ROLES):
        return Response.objects.none()
    return figure_responses(user).filter(answer_scope(user))


def get_response_for_user(user, pk: int) -> Response:
    return get_object_or_404(
        visible_responses(user).select_related(
            "organisation", "survey", "role", "service_type", "unit", "account_manager", "logged_by"
        ),
        pk=pk,
    )


def visible_actions(user) -> QuerySet:
    actions = LoopAction.objects.filter(organisation__in=visible_organisations(user))
    if is_admin(user) or sees_every_answer(user):
        return actions
    return actions.filter(Q(owner=user) | answer_scope(user))


def get_action_for_user(user, pk: int) -> tuple[LoopAction, bool]:
    action = get_object_or_404(visible_actions(user).select_related("organisation", "owner", "rule", "response"), pk=pk)
    return action, can_edit_owned(user, action, action.organisation)


def get_rw_action_for_user(user, pk: int) -> LoopAction:
    return writable(get_action_for_user(user, pk))


def get_rw_invitation_for_user(user, pk: int) -> Invitation:
    """A "not sent" note on a customer the user edits (dismissing it takes it off My work)."""
    from accounts.access import can_edit_organisation

    invitation = get_object_or_404(
        Invitation.objects.select_related("organisation").filter(organisation__in=visible_organisations(user)),
        pk=pk,
        status=Invitation.Status.NOT_SENT,
    )
    return writable((invitation, can_edit_organisation(user, invitation.organisation)))
