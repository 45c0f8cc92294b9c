"""Who sees and edits care plans, after-care and steering groups, built on accounts.access (the one source of roles).

- Account managers and admins read and edit the plans, follow-ups, actions, steering groups and meetings of
  every customer they see.
- Management reads them all (200, with no edit controls) and gets 403 on every edit page and POST, also on the
  follow-ups and actions it owns: its ownership is read-only.
- Teachers see only the follow-ups and actions they own, and record or complete them; other people's are 404,
  and the pages of plans, steering groups and meetings are 403.
- A need found in a follow-up becomes a lead at the hands of whoever may record that follow-up; it becomes an
  offer only at an editor's (offers are account managers' work, leads.access).
- Everything of an archived customer is 404 to all but admins, owners included.

Each `get_<thing>_for_user(user, pk)` returns (object, may_edit) from a lookup filtered by what the user may
see; `get_rw_<thing>_for_user` also raises 403 unless the user may edit it. A person's own settings and
calendar feed are theirs alone and need no lookup here; the feed's secret address is its key.
"""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.access import can_edit_organisation, can_edit_owned, can_view_register, not_archived, require, writable
from accounts.roles import Role
from care_plans.models import CalendarFeed, CarePlan, FollowUp, Meeting, NewNeed, PlanAction, SteeringGroup
from crm.access import visible_organisations

FOLLOW_UP_RELATED = ("organisation", "owner", "delivery", "completed_by")


def _owned_or_visible(model, user) -> QuerySet:
    """Register roles see the rows of the customers they see; others (teachers) only the rows they own."""
    if can_view_register(user):
        # The rows of the customers visible_organisations(user) holds: every row but the archived customers'
        # for most (a hashed exclusion of the few archived, not a join to every customer).
        return not_archived(model.objects.all(), user)
    if not user.is_authenticated:
        return model.objects.none()
    return not_archived(model.objects.filter(owner=user), user)


def visible_followups(user) -> QuerySet:
    return _owned_or_visible(FollowUp, user)


def visible_actions(user) -> QuerySet:
    return _owned_or_visible(PlanAction, user)


def visible_plans(user) -> QuerySet:
    return CarePlan.objects.filter(organisation__in=visible_organisations(user))


def can_make_offers(user, follow_up: FollowUp) -> bool:
    """Whether the needs of this follow-up may become offers in the user's hands: editors of its customer only."""
    return can_edit_organisation(user, follow_up.organisation)


def get_followup_for_user(user, pk: int) -> tuple[FollowUp, bool]:
    """A follow-up the user may see (else 404) and whether they may record it: its owner or an editor."""
    follow_up = get_object_or_404(visible_followups(user).select_related(*FOLLOW_UP_RELATED), pk=pk)
    return follow_up, can_edit_owned(user, follow_up, follow_up.organisation)


def get_rw_followup_for_user(user, pk: int) -> FollowUp:
    return writable(get_followup_for_user(user, pk))


def get_need_for_user(user, pk: int) -> tuple[NewNeed, bool]:
    """A need of a follow-up the user may see, with its follow-up loaded, and whether they may make it a lead."""
    need = get_object_or_404(
        NewNeed.objects.select_related("follow_up__organisation").filter(follow_up__in=visible_followups(user)),
        pk=pk,
    )
    return need, can_edit_owned(user, need.follow_up, need.follow_up.organisation)


def get_rw_need_for_user(user, pk: int, *, into_offer: bool = False) -> NewNeed:
    """403 unless the user may make the need a lead, or with `into_offer` an offer (see can_make_offers)."""
    need, may_write = get_need_for_user(user, pk)
    require(may_write and (not into_offer or can_make_offers(user, need.follow_up)))
    return need


def get_plan_for_user(user, pk: int) -> tuple[CarePlan, bool]:
    plan = get_object_or_404(visible_plans(user).select_related("organisation", "owner"), pk=pk)
    return plan, can_edit_organisation(user, plan.organisation)


def get_rw_plan_for_user(user, pk: int) -> CarePlan:
    return writable(get_plan_for_user(user, pk))


def get_action_for_user(user, pk: int) -> tuple[PlanAction, bool]:
    """A planned or decided action the user may see and whether they may complete it: its owner or an editor."""
    action = get_object_or_404(visible_actions(user).select_related("organisation"), pk=pk)
    return action, can_edit_owned(user, action, action.organisation)


def get_rw_action_for_user(user, pk: int) -> PlanAction:
    return writable(get_action_for_user(user, pk))


def get_group_for_user(user, pk: int) -> tuple[SteeringGroup, bool]:
    group = get_object_or_404(
        SteeringGroup.objects.select_related("organisation", "plan").filter(
            organisation__in=visible_organisations(user)
        ),
        pk=pk,
    )
    return group, can_edit_organisation(user, group.organisation)


def get_rw_group_for_user(user, pk: int) -> SteeringGroup:
    return writable(get_group_for_user(user, pk))


def get_meeting_for_user(user, pk: int) -> tuple[Meeting, bool]:
    meeting = get_object_or_404(
        Meeting.objects.select_related("group__organisation", "group__plan").filter(
            group__organisation__in=visible_organisations(user)
        ),
        pk=pk,
    )
    return meeting, can_edit_organisation(user, meeting.group.organisation)


def get_rw_meeting_for_user(user, pk: int) -> Meeting:
    return writable(get_meeting_for_user(user, pk))


def get_calendar_feed(token: str) -> CalendarFeed:
    """The feed whose secret address this is, with its person loaded; 404 for an unknown one or a departed user."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token, user__is_active=True).first()
    if feed is None:
        raise Http404
    return feed


def may_record_management_review(user) -> bool:
    """Management (and admins) record that they reviewed a plan in a management meeting: management's own
    action, like passing a lead, though management edits no customer data."""
    return user.is_authenticated and user.has_role(Role.MANAGEMENT, Role.ADMIN)
