"""The organisation page's care panel: the open care plan and the open follow-ups."""

from accounts.access import can_edit_organisation
from care_plans.models import CarePlan, FollowUp
from care_plans.services import plan_required
from crm.models import Delivery


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
    # Deliveries running or ahead: what was promised at their start (the after-care thesis: from the first day).
    deliveries = list(
        Delivery.objects.filter(
            organisation=organisation, status__in=[Delivery.Status.PLANNED, Delivery.Status.IN_PROGRESS]
        )
        .select_related("service_start")
        .order_by("start_date", "pk")[:5]
    )
    return {
        "organisation": organisation,
        "deliveries": deliveries,
        "plan": plan,
        "plan_required": plan is None and plan_required(organisation),
        "follow_ups": follow_ups,
        "can_edit": can_edit_organisation(request.user, organisation),
    }
