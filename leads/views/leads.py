"""Lead pages: pass a lead (phone first), My leads, the lead list, triage queues, a lead and its actions, statistics."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.access import EDITOR_ROLES, REGISTER_ROLES, require, role_required
from accounts.idempotency import idempotent_create
from accounts.messages import attach_names
from crm.access import nameable_organisations
from kumppani.web.htmx import render_list
from kumppani.web.pagination import paginate
from kumppani.web.params import query_id
from leads import services as lead_services
from leads.access import (
    LEAD_PASSER_ROLES,
    LEAD_STATS_ROLES,
    can_assign_lead,
    can_edit_offer,
    can_pick_organisations,
    can_see_lead_details,
    get_lead_for_user,
    get_rw_lead_for_user,
    leads_for_statistics,
    passed_leads,
    triage_units,
    visible_leads,
    visible_offers,
)
from leads.filters import LeadFilter
from leads.forms import AssignForm, CloseForm, ContactedForm, DeliveryStartForm, LeadForm, QualifyForm
from leads.models import Lead

LIST_RELATED = ("organisation", "passed_by", "assignee", "unit")


@role_required(*LEAD_PASSER_ROLES)
@idempotent_create
def lead_create(request: HttpRequest) -> HttpResponse:
    """The teacher's form: one column, big targets; a bound form re-renders everything typed on an error."""
    form = LeadForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        lead = lead_services.lead_pass(lead=form.to_lead(), actor=request.user, log_visit=form.cleaned_data["visited"])
        if lead.assignee_id:
            text = _("Thank you! The lead went to %(name)s.") % {"name": lead.assignee}
        elif lead.unit_id:
            text = _("Thank you! The lead went to the triage queue of %(unit)s.") % {"unit": lead.unit}
        else:
            text = _("Thank you! The lead was saved.")
        messages.success(request, text)
        return redirect("leads:my_leads")
    picked = query_id(form["organisation"].value()) if form.is_bound else None
    picked_organisation = None
    if picked:
        picked_organisation = (
            nameable_organisations(request.user).filter(pk=picked).only("pk", "name", "business_id").first()
        )
    return render(request, "leads/lead_form.html", {"form": form, "picked": picked_organisation})


@require_GET
@login_required
def organisation_autocomplete(request: HttpRequest) -> HttpResponse:
    """~10 names for the typed text: an htmx fragment, or JSON when asked (?format=json or Accept)."""
    require(can_pick_organisations(request.user))
    term = request.GET.get("q") or request.GET.get("organisation_text") or ""
    matches = list(lead_services.match_organisations(request.user, term))
    if request.GET.get("format") == "json" or "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"results": [{"id": o.pk, "name": o.name, "business_id": o.business_id} for o in matches]})
    return render(
        request,
        "leads/organisation_suggestions.html",
        {"matches": matches, "term": term.strip(), "target": request.GET.get("target", "org-picker")},
    )


@require_GET
@login_required
def organisation_pick(request: HttpRequest) -> HttpResponse:
    """The picker fragment with one organisation chosen (htmx swaps it in; `clear` gives the empty picker back)."""
    require(can_pick_organisations(request.user))
    picked = None
    if request.GET.get("pk") and not request.GET.get("clear"):
        picked = get_object_or_404(
            nameable_organisations(request.user).only("pk", "name", "business_id"), pk=query_id(request.GET["pk"])
        )
    return render(
        request,
        "leads/organisation_picker.html",
        {"picked": picked, "text": request.GET.get("text", ""), "field_id": request.GET.get("target", "org-picker")},
    )


@role_required(*LEAD_PASSER_ROLES)
def my_leads(request: HttpRequest) -> HttpResponse:
    """What happened to the leads I passed: the feedback that keeps teachers passing them."""
    leads = (
        passed_leads(request.user)
        .select_related("organisation", "assignee")
        .only(
            "pk",
            "need",
            "state",
            "close_reason",
            "converted_to",
            "created_at",
            "contacted_at",
            "urgency",
            "new_organisation_name",
            "organisation__name",
            "assignee__first_name",
            "assignee__last_name",
            "assignee__email",
        )
    )
    page = paginate(request, leads, per_page=20)
    return render_list(request, "leads/my_leads.html", "leads/my_lead_list.html", {"page": page})


@role_required(*REGISTER_ROLES)
def lead_list(request: HttpRequest) -> HttpResponse:
    lead_filter = LeadFilter(request.GET or None, queryset=visible_leads(request.user), user=request.user)
    page = paginate(request, lead_filter.qs.select_related(*LIST_RELATED))
    return render_list(request, "leads/lead_list.html", "leads/lead_table.html", {"filter": lead_filter, "page": page})


@role_required(*EDITOR_ROLES)
def triage(request: HttpRequest) -> HttpResponse:
    """Unassigned leads of the units I belong to (an admin sees every unit's queue)."""
    units = triage_units(request.user)
    queue = (
        visible_leads(request.user)
        .filter(assignee__isnull=True, state=Lead.State.NEW, unit__in=units)
        .select_related(*LIST_RELATED)
        .order_by("contact_due_on", "created_at")
    )
    context = {"page": paginate(request, queue), "units": list(units.only("pk", "name")), "today": timezone.localdate()}
    return render_list(request, "leads/triage.html", "leads/triage_list.html", context)


def _detail_context(request, lead: Lead, may_work: bool, **forms) -> dict:
    events = attach_names(lead.events.select_related("actor"))
    context = {"lead": lead, "events": events, "today": timezone.localdate()}
    if not can_see_lead_details(request.user):
        return context
    context.update(
        {
            "can_work": may_work,
            "can_assign": can_assign_lead(request.user, lead),
            "offers": visible_offers(request.user).filter(lead=lead).only("pk", "title", "state", "total"),
            "assign_form": forms.get("assign_form") or AssignForm(initial={"assignee": lead.assignee_id}),
            "contacted_form": forms.get("contacted_form") or ContactedForm(),
            "qualify_form": forms.get("qualify_form") or QualifyForm(user=request.user, lead=lead),
            "close_form": forms.get("close_form") or CloseForm(),
            "delivery_form": forms.get("delivery_form")
            or DeliveryStartForm(initial={"start_date": timezone.localdate()}),
            "picked": forms.get("picked"),
            "unit_managers": lead_services.unit_account_managers(lead.unit) if lead.unit_id else [],
        }
    )
    return context


@login_required
def lead_detail(request: HttpRequest, pk: int) -> HttpResponse:
    lead, may_work = get_lead_for_user(request.user, pk)
    template = "leads/lead_detail.html" if can_see_lead_details(request.user) else "leads/lead_teacher_detail.html"
    return render(request, template, _detail_context(request, lead, may_work))


def _invalid(request, lead: Lead, **forms) -> HttpResponse:
    """The lead page again with the worker's invalid form (only those who may work a lead post one)."""
    return render(request, "leads/lead_detail.html", _detail_context(request, lead, True, **forms), status=400)


def _state_error(request, lead, error) -> HttpResponse:
    messages.error(request, str(error))
    return redirect(lead)


@require_POST
@role_required(*EDITOR_ROLES)
def lead_take(request: HttpRequest, pk: int) -> HttpResponse:
    lead = get_rw_lead_for_user(request.user, pk)
    require(can_assign_lead(request.user, lead))
    try:
        lead_services.lead_assign(lead=lead, assignee=request.user, actor=request.user)
    except lead_services.LeadStateError as error:
        return _state_error(request, lead, error)
    messages.success(request, _("The lead is yours now: contact the customer."))
    return redirect(lead)


@require_POST
@role_required(*REGISTER_ROLES)
def lead_assign(request: HttpRequest, pk: int) -> HttpResponse:
    # Not get_rw_: the unit's head reassigns its leads even when their role only reads (leads.access).
    lead, _may_work = get_lead_for_user(request.user, pk)
    require(can_assign_lead(request.user, lead))
    form = AssignForm(request.POST)
    if not form.is_valid():
        return _invalid(request, lead, assign_form=form)
    try:
        lead_services.lead_assign(lead=lead, assignee=form.cleaned_data["assignee"], actor=request.user)
    except lead_services.LeadStateError as error:
        return _state_error(request, lead, error)
    messages.success(request, _("The lead was assigned."))
    return redirect(lead)


@require_POST
@role_required(*EDITOR_ROLES)
def lead_contacted(request: HttpRequest, pk: int) -> HttpResponse:
    lead = get_rw_lead_for_user(request.user, pk)
    form = ContactedForm(request.POST)
    form.is_valid()
    try:
        lead_services.lead_mark_contacted(lead=lead, actor=request.user, note=form.cleaned_data.get("note", ""))
    except lead_services.LeadStateError as error:
        return _state_error(request, lead, error)
    messages.success(request, _("Marked as contacted."))
    return redirect(lead)


@require_POST
@role_required(*EDITOR_ROLES)
def lead_qualify(request: HttpRequest, pk: int) -> HttpResponse:
    lead = get_rw_lead_for_user(request.user, pk)
    form = QualifyForm(request.POST, user=request.user, lead=lead)
    if not form.is_valid():
        return _invalid(request, lead, qualify_form=form)
    try:
        lead_services.lead_qualify(
            lead=lead,
            actor=request.user,
            organisation=form.cleaned_data["organisation"],
            create_new=form.cleaned_data.get("create_new", False),
        )
    except lead_services.LeadStateError as error:
        return _state_error(request, lead, error)
    messages.success(request, _("The lead is qualified: make an offer or a delivery."))
    return redirect(lead)


@require_POST
@role_required(*EDITOR_ROLES)
def lead_convert(request: HttpRequest, pk: int) -> HttpResponse:
    lead = get_rw_lead_for_user(request.user, pk)
    try:
        if request.POST.get("to") == "delivery":
            form = DeliveryStartForm(request.POST)
            start = form.cleaned_data["start_date"] if form.is_valid() else None
            delivery = lead_services.lead_convert_to_delivery(lead=lead, actor=request.user, start_date=start)
            messages.success(request, _("The lead became a delivery: fill in its details."))
            return redirect(delivery.get_absolute_url())
        offer = lead_services.lead_convert_to_offer(lead=lead, actor=request.user)
    except lead_services.LeadStateError as error:
        return _state_error(request, lead, error)
    messages.success(request, _("The lead became a draft offer: add the services and prices."))
    return redirect("leads:offer_edit", pk=offer.pk)


@require_POST
@role_required(*EDITOR_ROLES)
def lead_close(request: HttpRequest, pk: int) -> HttpResponse:
    lead = get_rw_lead_for_user(request.user, pk)
    form = CloseForm(request.POST)
    if not form.is_valid():
        return _invalid(request, lead, close_form=form)
    try:
        lead_services.lead_close(
            lead=lead, actor=request.user, reason=form.cleaned_data["reason"], note=form.cleaned_data["note"]
        )
    except lead_services.LeadStateError as error:
        return _state_error(request, lead, error)
    messages.success(request, _("The lead was closed."))
    return redirect(lead)


STATS_PERIODS = [("30", 30), ("90", 90), ("365", 365), ("all", None)]


@role_required(*LEAD_STATS_ROLES)
def lead_statistics(request: HttpRequest) -> HttpResponse:
    """Leads per unit and per teacher, conversion rate and time to first contact: three aggregate queries."""
    period = request.GET.get("period", "365")
    days = dict(STATS_PERIODS).get(period, 365)
    queryset = leads_for_statistics(request.user)
    if days is not None:
        queryset = queryset.filter(created_at__gte=timezone.now() - datetime.timedelta(days=days))
    return render(
        request,
        "leads/lead_statistics.html",
        {"stats": lead_services.lead_statistics(queryset), "period": period, "periods": STATS_PERIODS},
    )


def organisation_panel(request, organisation) -> dict | None:
    """The organisation page's "Leads and offers" panel (registered in crm.apps)."""
    if not can_see_lead_details(request.user):
        return None
    return {
        "organisation": organisation,
        "leads": organisation.leads.select_related("passed_by").only(
            "pk", "need", "state", "created_at", "passed_by__first_name", "passed_by__last_name", "passed_by__email"
        )[:5],
        "offers": visible_offers(request.user)
        .filter(organisation=organisation)
        .only("pk", "title", "state", "total")[:5],
        "can_edit": can_edit_offer(request.user),
    }
