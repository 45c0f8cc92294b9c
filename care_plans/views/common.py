"""Lookups shared by care_plans' views: fetch what the user may see (else 404) and whether they may write."""

from django.shortcuts import get_object_or_404, render

from accounts.access import can_edit_organisation, can_view_register, visible_organisations
from care_plans.models import CarePlan, FollowUp, Meeting, PlanAction, SteeringGroup


def followup_for(request, pk: int) -> tuple[FollowUp, bool]:
    """Register roles see the follow-ups of the customers they see; others (teachers) only their own."""
    user = request.user
    queryset = FollowUp.objects.select_related("organisation", "owner", "delivery", "completed_by")
    if can_view_register(user):
        queryset = queryset.filter(organisation__in=visible_organisations(user))
    else:
        queryset = queryset.filter(owner=user)
    follow_up = get_object_or_404(queryset, pk=pk)
    may_write = follow_up.owner_id == user.pk or can_edit_organisation(user, follow_up.organisation)
    return follow_up, may_write


def plan_for(request, pk: int) -> tuple[CarePlan, bool]:
    plan = get_object_or_404(
        CarePlan.objects.select_related("organisation", "owner").filter(
            organisation__in=visible_organisations(request.user)
        ),
        pk=pk,
    )
    return plan, can_edit_organisation(request.user, plan.organisation)


def action_for(request, pk: int) -> tuple[PlanAction, bool]:
    user = request.user
    queryset = PlanAction.objects.select_related("organisation")
    if can_view_register(user):
        queryset = queryset.filter(organisation__in=visible_organisations(user))
    else:
        queryset = queryset.filter(owner=user)
    action = get_object_or_404(queryset, pk=pk)
    return action, action.owner_id == user.pk or can_edit_organisation(user, action.organisation)


def group_for(request, pk: int) -> tuple[SteeringGroup, bool]:
    group = get_object_or_404(
        SteeringGroup.objects.select_related("organisation", "plan").filter(
            organisation__in=visible_organisations(request.user)
        ),
        pk=pk,
    )
    return group, can_edit_organisation(request.user, group.organisation)


def meeting_for(request, pk: int) -> tuple[Meeting, bool]:
    meeting = get_object_or_404(
        Meeting.objects.select_related("group__organisation").filter(
            group__organisation__in=visible_organisations(request.user)
        ),
        pk=pk,
    )
    return meeting, can_edit_organisation(request.user, meeting.group.organisation)


def render_form(request, *, form, title: str, back_url: str, organisation=None, intro: str = ""):
    return render(
        request,
        "care_plans/form.html",
        {"form": form, "title": title, "back_url": back_url, "organisation": organisation, "intro": intro},
    )
