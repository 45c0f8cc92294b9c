"""Organisation pages: list, My customers, detail, create/edit, archive, follow, team, agreements."""

from django.contrib import messages
from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import EDITOR_ROLES, REGISTER_ROLES, can_change_account_team, can_see_money, role_required
from accounts.idempotency import idempotent_create
from accounts.messages import attach_names
from accounts.roles import Role
from crm import services
from crm.access import (
    becomes_manager_of_new_customer,
    get_organisation_for_user,
    get_rw_account_team_for_user,
    get_rw_agreement_for_user,
    get_rw_organisation_for_user,
    visible_organisations,
)
from crm.filters import OrganisationFilter
from crm.forms import AccountTeamForm, AgreementForm, OrganisationForm
from crm.models import AccountTeamAssignment, Delivery, Organisation, PartnershipAgreement, TimelineEntry
from crm.panels import panels_for
from crm.timeline import kind_for
from kumppani.web.concurrent_edits import save_versioned
from kumppani.web.htmx import is_htmx, render_list
from kumppani.web.pagination import paginate

LIST_RELATED = ("municipality", "industry", "account_manager")
DETAIL_RELATED = (
    "municipality",
    "industry__parent",
    "account_manager",
    "deputy_manager",
    "direct_customer",
    "responsible_unit",
)


def _render_list(request, template: str, queryset, extra: dict) -> HttpResponse:
    organisation_filter = OrganisationFilter(request.GET or None, queryset=queryset)
    page = paginate(request, organisation_filter.qs.select_related(*LIST_RELATED))
    context = {"filter": organisation_filter, "page": page, **extra}
    return render_list(request, template, "crm/organisation_table.html", context)


@role_required(*REGISTER_ROLES)
def organisation_list(request: HttpRequest) -> HttpResponse:
    return _render_list(request, "crm/organisation_list.html", visible_organisations(request.user), {})


@role_required(Role.ACCOUNT_MANAGER)
def my_customers(request: HttpRequest) -> HttpResponse:
    user = request.user
    # The ids each through its own index, in a UNION: an OR over a join to followers needs DISTINCT over
    # every column and scans the whole register.
    mine_ids = (
        Organisation.objects.filter(account_manager=user)
        .order_by()
        .values("pk")
        .union(
            Organisation.objects.filter(deputy_manager=user).order_by().values("pk"),
            Organisation.followers.through.objects.filter(user=user).values("organisation_id"),
        )
    )
    mine = visible_organisations(user).filter(pk__in=mine_ids)
    counts = (
        visible_organisations(user)
        .filter(Q(account_manager=user) | Q(deputy_manager=user))
        .aggregate(
            managed=Count("pk", filter=Q(account_manager=user)),
            deputy=Count("pk", filter=Q(deputy_manager=user)),
        )
    )
    return _render_list(request, "crm/my_customers.html", mine, {"counts": counts})


@role_required(*REGISTER_ROLES)
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation, may_edit = get_organisation_for_user(
        request.user, pk, preload=DETAIL_RELATED, annotate=_detail_figures(request.user)
    )
    show_money = can_see_money(request.user)
    deliveries = organisation.deliveries.select_related("service_type", "responsible")[:10]
    agreements = list(organisation.agreements.all())
    today = timezone.localdate()
    context = {
        "organisation": organisation,
        "contacts": organisation.contacts.filter(is_active=True),
        "deliveries": deliveries,
        "delivery_totals": {"total": organisation.delivery_total, "count": organisation.delivery_count},
        "agreements": agreements,
        # Organisation.active_agreement()'s rule, on the agreements the page lists anyway (newest start first).
        "active_agreement": next((a for a in agreements if a.is_active(today)), None),
        "team_history": AccountTeamAssignment.objects.filter(organisation=organisation).select_related("user")[:10],
        "indirect_customers": organisation.indirect_customers.filter(is_archived=False).only(
            "pk", "name", "direct_customer_id"
        )
        if organisation.has_indirect_customers
        else [],
        "timeline_page": _timeline_page(request, organisation),
        "is_following": organisation.is_following,
        "can_edit": may_edit,
        "can_change_team": can_change_account_team(request.user, organisation),
        "show_money": show_money,
        "panels": panels_for(request, organisation),
    }
    return render(request, "crm/organisation_detail.html", context)


def _detail_figures(user) -> dict:
    """Figures the organisation page shows, computed in the query that fetches the organisation."""
    counted = Delivery.objects.filter(organisation=OuterRef("pk")).exclude(status=Delivery.Status.CANCELLED)
    totals = counted.order_by().values("organisation")
    return {
        "delivery_total": Subquery(totals.annotate(total=Sum("value")).values("total")),
        "delivery_count": Coalesce(Subquery(totals.annotate(n=Count("pk")).values("n")), 0),
        "timeline_count": Coalesce(
            Subquery(
                TimelineEntry.objects.filter(organisation=OuterRef("pk"))
                .order_by()
                .values("organisation")
                .annotate(n=Count("pk"))
                .values("n")
            ),
            0,
        ),
        "is_following": Exists(
            Organisation.followers.through.objects.filter(organisation=OuterRef("pk"), user_id=user.pk)
        ),
        # Most customers have no indirect customers: asked here, their list costs a query only when there are some.
        "has_indirect_customers": Exists(
            Organisation.objects.filter(direct_customer=OuterRef("pk"), is_archived=False)
        ),
    }


def _timeline_page(request, organisation):
    count = getattr(organisation, "timeline_count", None)  # counted with the organisation on its page
    page = paginate(request, organisation.timeline.select_related("actor"), per_page=20, count=count)
    for entry in attach_names(page.object_list):
        entry.kind_info = kind_for(entry.kind)
    return page


@role_required(*REGISTER_ROLES)
def organisation_timeline(request: HttpRequest, pk: int) -> HttpResponse:
    """The timeline fragment: htmx swaps it when paging; without JavaScript the whole page is shown."""
    organisation, _may_edit = get_organisation_for_user(request.user, pk)
    if not is_htmx(request):
        query = request.GET.urlencode()
        return redirect(f"{organisation.get_absolute_url()}{'?' + query if query else ''}#timeline")
    return render(
        request,
        "crm/timeline.html",
        {"organisation": organisation, "timeline_page": _timeline_page(request, organisation)},
    )


@role_required(*EDITOR_ROLES)
@idempotent_create
def organisation_create(request: HttpRequest) -> HttpResponse:
    # The creator becomes the account manager, so their primary unit is the default responsible unit.
    unit = request.user.primary_unit_or_none() if becomes_manager_of_new_customer(request.user) else None
    form = OrganisationForm(request.POST or None, initial={"responsible_unit": unit})
    if request.method == "POST" and form.is_valid():
        organisation = services.organisation_save(organisation=form.save(commit=False), actor=request.user)
        if organisation.account_manager_id is None and becomes_manager_of_new_customer(request.user):
            services.account_team_assign(
                organisation=organisation, manager=request.user, deputy=None, actor=request.user
            )
        messages.success(request, _("%(name)s was added.") % {"name": organisation.name})
        return redirect(organisation)
    return render(request, "crm/organisation_form.html", {"form": form, "organisation": None})


@role_required(*EDITOR_ROLES)
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_rw_organisation_for_user(request.user, pk)
    form = OrganisationForm(request.POST or None, instance=organisation)

    def save():
        return services.organisation_save(organisation=form.save(commit=False), actor=request.user)

    if request.method == "POST" and form.is_valid() and save_versioned(form, save):
        messages.success(request, _("The changes were saved."))
        return redirect(organisation)
    return render(request, "crm/organisation_form.html", {"form": form, "organisation": organisation})


@require_POST
@role_required(*EDITOR_ROLES)
def organisation_archive(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_rw_organisation_for_user(request.user, pk)
    archive = request.POST.get("archive", "1") == "1"
    services.organisation_set_archived(organisation=organisation, archived=archive, actor=request.user)
    if archive:
        messages.success(request, _("%(name)s was archived. An admin can restore it.") % {"name": organisation.name})
        return redirect("crm:organisation_list")
    messages.success(request, _("%(name)s was restored.") % {"name": organisation.name})
    return redirect(organisation)


@require_POST
@role_required(*REGISTER_ROLES)
def organisation_follow(request: HttpRequest, pk: int) -> HttpResponse:
    """Following is personal and changes no customer data: every reader of the customer may."""
    organisation, _may_edit = get_organisation_for_user(request.user, pk)
    following = services.organisation_toggle_follow(organisation=organisation, user=request.user)
    messages.success(
        request, _("You now follow this customer.") if following else _("You no longer follow this customer.")
    )
    return redirect(organisation)


@role_required(*EDITOR_ROLES)
def account_team_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_rw_account_team_for_user(request.user, pk)
    initial = {"account_manager": organisation.account_manager, "deputy_manager": organisation.deputy_manager}
    form = AccountTeamForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.account_team_assign(
            organisation=organisation,
            manager=form.cleaned_data["account_manager"],
            deputy=form.cleaned_data["deputy_manager"],
            actor=request.user,
        )
        messages.success(request, _("The account team was updated."))
        return redirect(organisation)
    return render(request, "crm/account_team_form.html", {"form": form, "organisation": organisation})


@role_required(*EDITOR_ROLES)
@idempotent_create
def agreement_create(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_rw_organisation_for_user(request.user, pk)
    form = AgreementForm(
        request.POST or None, request.FILES or None, instance=PartnershipAgreement(organisation=organisation)
    )
    return _save_agreement(request, form, organisation)


@role_required(*EDITOR_ROLES)
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_rw_agreement_for_user(request.user, pk)
    form = AgreementForm(request.POST or None, request.FILES or None, instance=agreement)
    return _save_agreement(request, form, agreement.organisation)


def _save_agreement(request, form, organisation) -> HttpResponse:
    def save():
        return services.agreement_save(agreement=form.save(commit=False), actor=request.user)

    if request.method == "POST" and form.is_valid() and save_versioned(form, save):
        messages.success(request, _("The partnership agreement was saved."))
        return redirect(organisation)
    return render(
        request,
        "crm/entry_form.html",
        {"form": form, "organisation": organisation, "title": _("Partnership agreement"), "multipart": True},
    )
