"""After-care follow-ups: the list, recording one, and turning a new need into a lead."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import REGISTER_ROLES, can_edit_register, can_view_register, require, role_required
from care_plans import services
from care_plans.access import can_make_offers, get_followup_for_user, get_rw_need_for_user, visible_followups
from care_plans.forms import FollowUpFilter, FollowUpForm
from care_plans.models import FollowUp
from kumppani.web.htmx import render_list
from kumppani.web.pagination import paginate


@role_required(*REGISTER_ROLES)
def followup_list(request: HttpRequest) -> HttpResponse:
    queryset = visible_followups(request.user).select_related("organisation", "owner").order_by("due_date", "pk")
    data = request.GET.copy() if request.GET else {"status": FollowUp.Status.OPEN}
    follow_up_filter = FollowUpFilter(data, queryset=queryset, request=request)
    context = {"filter": follow_up_filter, "page": paginate(request, follow_up_filter.qs)}
    return render_list(request, "care_plans/followup_list.html", "care_plans/followup_table.html", context)


@login_required
def followup_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Shows a follow-up; its owner (or an editor) records the contact here while it is open."""
    follow_up, may_write = get_followup_for_user(request.user, pk)
    may_record = may_write and follow_up.status == FollowUp.Status.OPEN
    if request.method == "POST":
        require(may_record)
    form = FollowUpForm(request.POST or None, instance=follow_up) if may_record else None
    if form is not None and form.is_valid():
        services.followup_complete(
            follow_up=form.save(commit=False), actor=request.user, new_needs=form.cleaned_data["new_needs"]
        )
        messages.success(request, _("The follow-up was recorded."))
        if form.cleaned_data["channel"] == "email":
            messages.warning(request, _("E-mail is easily missed – call or arrange a meeting if you can."))
        return redirect(follow_up)
    context = {
        "follow_up": follow_up,
        "form": form,
        "may_write": may_write,
        "may_offer": can_make_offers(request.user, follow_up),
        "show_organisation_link": can_view_register(request.user),
        "needs": follow_up.needs.all(),
        "referrals": follow_up.referrals.select_related("provider", "outcome_check"),
        "may_refer": may_write and can_edit_register(request.user),
    }
    return render(request, "care_plans/followup_detail.html", context)


@require_POST
@login_required
def need_to_lead(request: HttpRequest, pk: int) -> HttpResponse:
    """One click: a need found in after-care becomes a lead (the follow-up's owner or an editor may do it)."""
    need = get_rw_need_for_user(request.user, pk)
    lead = services.need_to_lead(need=need, actor=request.user)
    if lead is None:
        messages.info(request, _("This need is already a lead."))
    else:
        messages.success(request, _("The need is now a lead."))
    return redirect(need.follow_up)


@require_POST
@login_required
def need_to_offer(request: HttpRequest, pk: int) -> HttpResponse:
    """One click: a need becomes a draft offer (through a lead, so the pipeline's figures stay whole)."""
    need = get_rw_need_for_user(request.user, pk, into_offer=True)
    offer = services.need_to_offer(need=need, actor=request.user)
    if offer is None:
        messages.info(request, _("This need already has an offer."))
        return redirect(need.follow_up)
    messages.success(request, _("A draft offer was made from the need."))
    return redirect(offer)
