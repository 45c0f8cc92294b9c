"""A delivery's start: the service need assessed with the customer and the service promise."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.access import EDITOR_ROLES, REGISTER_ROLES, require, role_required
from accounts.idempotency import idempotent_create
from care_plans.access import get_followup_for_user
from care_plans.forms import ReferralForm, ServiceStartForm
from care_plans.models import FollowUp, Referral, ServiceStart
from care_plans.service_path import referral_create, service_start_save
from care_plans.views.common import render_form
from crm.access import get_delivery_for_user
from kumppani.web.concurrent_edits import save_versioned


@role_required(*REGISTER_ROLES)
@idempotent_create
def service_start(request: HttpRequest, pk: int) -> HttpResponse:
    """The customer's team reads what was agreed at the start; editors of the customer record or correct it."""
    delivery, may_write = get_delivery_for_user(request.user, pk)
    if request.method == "POST":
        require(may_write)
    start = ServiceStart.objects.filter(delivery=delivery).select_related("recorded_by").first()
    instance = start or ServiceStart(delivery=delivery, recorded_by=request.user)
    form = ServiceStartForm(request.POST or None, instance=instance) if may_write else None
    if form is not None and request.method == "POST" and form.is_valid():

        def save():
            return service_start_save(
                delivery=delivery,
                need_assessment=form.cleaned_data["need_assessment"],
                service_promise=form.cleaned_data["service_promise"],
                actor=request.user,
            )

        if save_versioned(form, save) is not None:
            messages.success(request, _("The service need and the service promise were saved."))
            return redirect(delivery.organisation)
    follow_ups = FollowUp.objects.filter(delivery=delivery).select_related("owner").order_by("due_date")
    context = {
        "delivery": delivery,
        "organisation": delivery.organisation,
        "start": start,
        "form": form,
        "follow_ups": follow_ups,
    }
    return render(request, "care_plans/service_start.html", context)


@role_required(*EDITOR_ROLES)
@idempotent_create
def referral_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A need the provider cannot serve goes to a network partner; its outcome is followed up."""
    follow_up, may_write = get_followup_for_user(request.user, pk)
    require(may_write)
    referral = Referral(follow_up=follow_up, organisation=follow_up.organisation)
    form = ReferralForm(request.POST or None, instance=referral)
    if request.method == "POST" and form.is_valid():
        referral_create(referral=form.save(commit=False), actor=request.user)
        messages.success(request, _("The referral was recorded; its outcome is followed up."))
        return redirect(follow_up)
    return render_form(
        request,
        form=form,
        title=_("Refer to another provider"),
        back_url=follow_up.get_absolute_url(),
        organisation=follow_up.organisation,
        intro=_("A need we cannot serve: name the provider, their contact person, and what was agreed."),
    )
