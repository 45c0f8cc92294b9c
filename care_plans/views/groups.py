"""Steering groups: members with roles, meetings with minutes and the actions they decide."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import EDITOR_ROLES, REGISTER_ROLES, role_required
from accounts.idempotency import idempotent_create
from care_plans import services
from care_plans.access import get_group_for_user, get_meeting_for_user, get_rw_group_for_user, get_rw_meeting_for_user
from care_plans.forms import MeetingForm, MemberForm, PlanActionForm, SteeringGroupForm
from care_plans.models import CarePlan, Meeting, PlanAction, SteeringGroup, SteeringGroupMember
from care_plans.views.common import render_form
from crm.access import get_rw_organisation_for_user
from kumppani.web.concurrent_edits import save_versioned


@role_required(*EDITOR_ROLES)
@idempotent_create
def group_create(request: HttpRequest, organisation_pk: int) -> HttpResponse:
    organisation = get_rw_organisation_for_user(request.user, organisation_pk)
    plan = CarePlan.objects.filter(organisation=organisation).exclude(status=CarePlan.Status.CLOSED).first()
    form = SteeringGroupForm(request.POST or None, instance=SteeringGroup(organisation=organisation, plan=plan))
    if request.method == "POST" and form.is_valid():
        group = services.group_save(group=form.save(commit=False), actor=request.user)
        messages.success(request, _("The steering group was created."))
        return redirect(group)
    return render_form(
        request,
        form=form,
        title=_("New steering group"),
        back_url=organisation.get_absolute_url(),
        organisation=organisation,
    )


@role_required(*REGISTER_ROLES)
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group, may_write = get_group_for_user(request.user, pk)
    context = {
        "group": group,
        "organisation": group.organisation,
        "may_write": may_write,
        "members": group.members.select_related("user"),
        "meetings": group.meetings.all()[:50],
        "member_form": MemberForm() if may_write else None,
    }
    return render(request, "care_plans/group_detail.html", context)


@require_POST
@role_required(*EDITOR_ROLES)
@idempotent_create
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_rw_group_for_user(request.user, pk)
    form = MemberForm(request.POST, instance=SteeringGroupMember(group=group))
    if form.is_valid():
        services.member_save(member=form.save(commit=False), actor=request.user)
        messages.success(request, _("The member was added."))
        return redirect(group)
    return render_form(
        request, form=form, title=_("New member"), back_url=group.get_absolute_url(), organisation=group.organisation
    )


@role_required(*EDITOR_ROLES)
@idempotent_create
def meeting_create(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_rw_group_for_user(request.user, pk)
    form = MeetingForm(request.POST or None, instance=Meeting(group=group))
    return _save_meeting(request, form, group, _("New meeting"))


@role_required(*EDITOR_ROLES)
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_rw_meeting_for_user(request.user, pk)
    form = MeetingForm(request.POST or None, instance=meeting)
    return _save_meeting(request, form, meeting.group, _("Meeting and minutes"))


def _save_meeting(request, form, group, title) -> HttpResponse:
    def save():
        return services.meeting_save(meeting=form.save(commit=False), actor=request.user)

    if request.method == "POST" and form.is_valid() and (meeting := save_versioned(form, save)):
        messages.success(request, _("The meeting was saved."))
        return redirect(meeting)
    return render_form(
        request, form=form, title=title, back_url=group.get_absolute_url(), organisation=group.organisation
    )


@role_required(*REGISTER_ROLES)
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, may_write = get_meeting_for_user(request.user, pk)
    context = {
        "meeting": meeting,
        "group": meeting.group,
        "organisation": meeting.group.organisation,
        "may_write": may_write,
        "actions": meeting.actions.select_related("owner"),
        "action_form": PlanActionForm(initial={"owner": request.user.pk}) if may_write else None,
    }
    return render(request, "care_plans/meeting_detail.html", context)


@require_POST
@role_required(*EDITOR_ROLES)
@idempotent_create
def meeting_action_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_rw_meeting_for_user(request.user, pk)
    action = PlanAction(meeting=meeting, organisation=meeting.group.organisation, plan=meeting.group.plan)
    form = PlanActionForm(request.POST, instance=action)
    if form.is_valid():
        services.action_save(action=form.save(commit=False), actor=request.user)
        messages.success(request, _("The decided action was added."))
        return redirect(meeting)
    return render_form(
        request,
        form=form,
        title=_("New decided action"),
        back_url=meeting.get_absolute_url(),
        organisation=meeting.group.organisation,
    )
