"""Offers (tarjoukset): list, make one from a lead or directly, edit its lines while a draft, send, accept, reject."""

import datetime

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.access import EDITOR_ROLES, REGISTER_ROLES, role_required
from accounts.idempotency import idempotent_create
from crm.access import get_rw_organisation_for_user
from kumppani.web.concurrent_edits import save_versioned
from kumppani.web.htmx import render_list
from kumppani.web.pagination import paginate
from kumppani.web.params import query_id
from leads import services as lead_services
from leads.access import get_offer_for_user, get_rw_offer_for_user, visible_offers
from leads.filters import OfferFilter
from leads.forms import OfferForm, OfferLineFormSet
from leads.models import LeadSettings, Offer
from leads.services import match_organisations, resolve_organisation


@role_required(*REGISTER_ROLES)
def offer_list(request: HttpRequest) -> HttpResponse:
    offer_filter = OfferFilter(request.GET or None, queryset=visible_offers(request.user))
    page = paginate(request, offer_filter.qs.select_related("organisation", "responsible"))
    context = {"filter": offer_filter, "page": page}
    return render_list(request, "leads/offers/offer_list.html", "leads/offers/offer_table.html", context)


@role_required(*EDITOR_ROLES)
@idempotent_create
def offer_create(request: HttpRequest) -> HttpResponse:
    """A direct offer: ?organisation=<pk> (from the organisation page), else pick the organisation first."""
    organisation_id = request.GET.get("organisation") or request.POST.get("organisation")
    if not organisation_id:
        text = request.GET.get("organisation_text", "").strip()
        found = resolve_organisation(request.user, text) if text else None
        if found is not None:
            return redirect(f"{request.path}?organisation={found.pk}")
        matches = list(match_organisations(request.user, text)) if text else []
        return render(request, "leads/offers/offer_pick.html", {"text": text, "matches": matches})
    organisation = get_rw_organisation_for_user(request.user, query_id(organisation_id) or 0)
    offer = Offer(
        organisation=organisation,
        responsible=request.user,
        valid_until=timezone.localdate() + datetime.timedelta(days=LeadSettings.load().offer_validity_days),
    )
    return _edit(request, offer)


@role_required(*EDITOR_ROLES)
def offer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_rw_offer_for_user(request.user, pk)
    if not offer.is_editable:
        messages.error(request, _("Only a draft offer can be changed."))
        return redirect(offer)
    return _edit(request, offer)


def _edit(request, offer: Offer) -> HttpResponse:
    form = OfferForm(request.POST or None, instance=offer)
    formset = OfferLineFormSet(request.POST or None, instance=offer, prefix="lines")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        lines = [f.instance for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        deleted = [f.instance for f in formset.deleted_forms if f.instance.pk]
        with transaction.atomic():
            saved = save_versioned(
                form,
                lambda: lead_services.offer_save(
                    offer=form.save(commit=False), lines=lines, deleted=deleted, actor=request.user
                ),
            )
        if saved:
            messages.success(request, _("The offer was saved."))
            return redirect(saved)
    return render(request, "leads/offers/offer_form.html", {"form": form, "formset": formset, "offer": offer})


@role_required(*REGISTER_ROLES)
def offer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    offer, may_edit = get_offer_for_user(request.user, pk)
    return render(
        request,
        "leads/offers/offer_detail.html",
        {
            "offer": offer,
            "lines": offer.lines.select_related("service_type"),
            "can_edit": may_edit,
        },
    )


OFFER_ACTIONS = {
    "send": (lead_services.offer_send, gettext_lazy("The offer was marked sent.")),
    "accept": (lead_services.offer_accept, gettext_lazy("Accepted: the delivery was created.")),
    "reject": (lead_services.offer_reject, gettext_lazy("The offer was marked rejected.")),
}


@require_POST
@role_required(*EDITOR_ROLES)
def offer_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    offer = get_rw_offer_for_user(request.user, pk)
    if action not in OFFER_ACTIONS:
        return redirect(offer)
    service, text = OFFER_ACTIONS[action]
    try:
        offer = service(offer=offer, actor=request.user)
    except lead_services.OfferStateError as error:
        messages.error(request, str(error))
        return redirect(offer)
    messages.success(request, str(text))
    return redirect(offer)
