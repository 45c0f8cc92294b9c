"""Interactions and service deliveries of one organisation."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.access import EDITOR_ROLES, role_required
from accounts.idempotency import idempotent_create
from crm import services
from crm.access import get_rw_delivery_for_user, get_rw_interaction_for_user, get_rw_organisation_for_user
from crm.forms import DeliveryForm, InteractionForm
from crm.models import Delivery, Interaction
from kumppani.web.concurrent_edits import save_versioned


@role_required(*EDITOR_ROLES)
@idempotent_create
def interaction_create(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_rw_organisation_for_user(request.user, pk)
    interaction = Interaction(organisation=organisation, kind=request.GET.get("kind", Interaction.Kind.MEETING))
    form = InteractionForm(
        request.POST or None,
        instance=interaction,
        organisation=organisation,
        initial={"our_participants": [request.user.pk]},
    )
    return _save_interaction(request, form, organisation)


@role_required(*EDITOR_ROLES)
def interaction_edit(request: HttpRequest, pk: int) -> HttpResponse:
    interaction = get_rw_interaction_for_user(request.user, pk)
    form = InteractionForm(request.POST or None, instance=interaction, organisation=interaction.organisation)
    return _save_interaction(request, form, interaction.organisation)


def _save_interaction(request, form, organisation) -> HttpResponse:
    def save():
        return services.interaction_save(
            interaction=form.save(commit=False),
            actor=request.user,
            participants=form.cleaned_data["our_participants"],
            contacts=form.cleaned_data["contacts"],
        )

    if request.method == "POST" and form.is_valid() and save_versioned(form, save):
        messages.success(request, _("The interaction was saved to the timeline."))
        return redirect(organisation)
    return render(
        request, "crm/entry_form.html", {"form": form, "organisation": organisation, "title": _("Interaction")}
    )


@role_required(*EDITOR_ROLES)
@idempotent_create
def delivery_create(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_rw_organisation_for_user(request.user, pk)
    form = DeliveryForm(
        request.POST or None,
        instance=Delivery(organisation=organisation),
        initial={"responsible": request.user.pk},
    )
    return _save_delivery(request, form, organisation)


@role_required(*EDITOR_ROLES)
def delivery_edit(request: HttpRequest, pk: int) -> HttpResponse:
    delivery = get_rw_delivery_for_user(request.user, pk)
    form = DeliveryForm(request.POST or None, instance=delivery)
    return _save_delivery(request, form, delivery.organisation)


def _save_delivery(request, form, organisation) -> HttpResponse:
    def save():
        delivery = services.delivery_save(delivery=form.save(commit=False), actor=request.user)
        form.save_m2m()  # in the same transaction: the contacts are there when delivery_completed is sent
        return delivery

    if request.method == "POST" and form.is_valid() and save_versioned(form, save):
        messages.success(request, _("The delivery was saved."))
        return redirect(organisation)
    return render(
        request, "crm/entry_form.html", {"form": form, "organisation": organisation, "title": _("Service delivery")}
    )
