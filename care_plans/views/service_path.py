"""A delivery's start: the service need assessed with the customer and the service promise."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.access import REGISTER_ROLES, require, role_required
from accounts.idempotency import idempotent_create
from care_plans.forms import ServiceStartForm
from care_plans.models import FollowUp, ServiceStart
from care_plans.service_path import service_start_save
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
