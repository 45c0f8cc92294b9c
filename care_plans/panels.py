"""The organisation page's care panel: the open care plan and the open follow-ups."""

from accounts.access import can_edit_organisation
from care_plans.models import CarePlan, FollowUp
from care_plans.services import plan_required


def care_panel(request, organisation) -> dict:
    plan = (
        CarePlan.objects.filter(organisation=organisation)
        .exclude(status=CarePlan.Status.CLOSED)
        .select_related("owner")
        .first()
    )
    follow_ups = list(
        FollowUp.objects.filter(organisation=organisation, status=FollowUp.Status.OPEN)
        .select_related("owner")
        .order_by("due_date")[:10]
    )
    return {
        "organisation": organisation,
        "plan": plan,
        "plan_required": plan is None and plan_required(organisation),
        "follow_ups": follow_ups,
        "can_edit": can_edit_organisation(request.user, organisation),
    }
