"""After-care follow-ups: the list, recording one, and turning a new need into a lead."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import REGISTER_ROLES, can_edit_organisation, require, role_required, visible_organisations
from care_plans import services
from care_plans.forms import FollowUpFilter, FollowUpForm
from care_plans.models import FollowUp, NewNeed
from care_plans.views.common import followup_for
from kumppani.web.htmx import render_list
from kumppani.web.pagination import paginate


@role_required(*REGISTER_ROLES)
def followup_list(request: HttpRequest) -> HttpResponse:
    queryset = (
        FollowUp.objects.filter(organisation__in=visible_organisations(request.user))
        .select_related("organisation", "owner")
        .order_by("due_date", "pk")
    )
    data = request.GET.copy() if request.GET else {"status": FollowUp.Status.OPEN}
    follow_up_filter = FollowUpFilter(data, queryset=queryset, request=request)
    context = {"filter": follow_up_filter, "page": paginate(request, follow_up_filter.qs)}
    return render_list(request, "care_plans/followup_list.html", "care_plans/followup_table.html", context)


@login_required
def followup_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Shows a follow-up; its owner (or an editor) records the contact here."""
    follow_up, may_write = followup_for(request, pk)
    is_open = follow_up.status == FollowUp.Status.OPEN
    form = None
    if is_open and may_write:
        form = FollowUpForm(request.POST or None, instance=follow_up)
        if request.method == "POST" and form.is_valid():
            services.followup_complete(
                follow_up=form.save(commit=False), actor=request.user, new_needs=form.cleaned_data["new_needs"]
            )
            messages.success(request, _("The follow-up was recorded."))
            return redirect(follow_up)
    elif request.method == "POST":
        require(False)
    context = {
        "follow_up": follow_up,
        "form": form,
        "may_write": may_write,
        "needs": follow_up.needs.all(),
    }
    return render(request, "care_plans/followup_detail.html", context)


@require_POST
@login_required
def need_to_lead(request: HttpRequest, pk: int) -> HttpResponse:
    """One click: a need found in after-care becomes a lead (the follow-up's owner or an editor may do it)."""
    need = get_object_or_404(NewNeed, pk=pk)
    follow_up, may_write = followup_for(request, need.follow_up_id)
    require(may_write)
    lead = services.need_to_lead(need=need, actor=request.user)
    if lead is None:
        messages.info(request, _("This need is already a lead."))
    else:
        messages.success(request, _("The need is now a lead."))
    return redirect(follow_up)


@require_POST
@login_required
def need_to_offer(request: HttpRequest, pk: int) -> HttpResponse:
    """One click: a need becomes a draft offer (through a lead, so the pipeline's figures stay whole)."""
    need = get_object_or_404(NewNeed, pk=pk)
    follow_up, may_write = followup_for(request, need.follow_up_id)
    require(may_write and can_edit_organisation(request.user, follow_up.organisation))
    offer = services.need_to_offer(need=need, actor=request.user)
    if offer is None:
        messages.info(request, _("This need already has an offer."))
        return redirect(follow_up)
    messages.success(request, _("A draft offer was made from the need."))
    return redirect(offer)
