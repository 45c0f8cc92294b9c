"""Who sees and changes the roadmap, its indicators and the management dashboards (built on accounts.access).

- Management, account managers and admins read the roadmap, the indicators and the dashboard; teachers get
  403 on every page of it (they see organisations' names and their own leads only).
- Management and admins set a goal's state with a progress note, add evidence and enter measurements by
  hand: the roadmap is management's own work, so this is the exception to management's read-only rule.
- Admins create roadmaps, themes and indicators (in the admin).
- A drill-down lists only rows of customers the viewer sees (crm.access.visible_organisations).
"""

from django.shortcuts import get_object_or_404

from accounts.access import REGISTER_ROLES, require
from accounts.roles import Role
from roadmap.models import Goal, Indicator

READER_ROLES = REGISTER_ROLES
WRITER_ROLES = (Role.MANAGEMENT, Role.ADMIN)


def can_write_roadmap(user) -> bool:
    return user.is_authenticated and user.has_role(*WRITER_ROLES)


def get_goal_for_user(user, pk: int) -> tuple[Goal, bool]:
    """A goal (every reader sees every goal) and whether the user may set its state."""
    goal = get_object_or_404(Goal.objects.select_related("theme__roadmap", "owner", "result_area"), pk=pk)
    return goal, can_write_roadmap(user)


def get_rw_goal_for_user(user, pk: int) -> Goal:
    goal, may_write = get_goal_for_user(user, pk)
    require(may_write)
    return goal


def get_indicator_for_user(user, pk: int) -> tuple[Indicator, bool]:
    indicator = get_object_or_404(Indicator.objects.filter(is_active=True), pk=pk)
    return indicator, can_write_roadmap(user)


def get_rw_indicator_for_user(user, pk: int) -> Indicator:
    indicator, may_write = get_indicator_for_user(user, pk)
    require(may_write)
    return indicator
