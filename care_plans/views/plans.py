"""Care plans: lists, the management review list, the plan page, its versions, its actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import EDITOR_ROLES, REGISTER_ROLES, role_required
from accounts.idempotency import idempotent_create
from accounts.roles import Role
from care_plans import services
from care_plans.access import (
    get_plan_for_user,
    get_rw_action_for_user,
    get_rw_plan_for_user,
    may_record_management_review,
    visible_plans,
)
from care_plans.forms import CarePlanFilter, CarePlanForm, ManagementReviewForm, PlanActionForm
from care_plans.models import CarePlan, ManagementReview, PlanAction
from care_plans.views.common import render_form
from crm.access import get_rw_organisation_for_user
from kumppani.web.concurrent_edits import save_versioned
from kumppani.web.formatting import format_date
from kumppani.web.htmx import render_list
from kumppani.web.pagination import paginate

PLAN_LIST_RELATED = ("organisation", "owner")


def _plans(request):
    return visible_plans(request.user).select_related(*PLAN_LIST_RELATED).order_by("review_date", "pk")


def _render_plans(request, queryset, context: dict) -> HttpResponse:
    plan_filter = CarePlanFilter(request.GET or None, queryset=queryset, request=request)
    context = {**context, "filter": plan_filter, "page": paginate(request, plan_filter.qs)}
    return render_list(request, "care_plans/plan_list.html", "care_plans/plan_table.html", context)


@role_required(*REGISTER_ROLES)
def plan_list(request: HttpRequest) -> HttpResponse:
    return _render_plans(request, _plans(request), {"heading": _("Care plans"), "coverage": None})


@role_required(*REGISTER_ROLES)
def plan_review_list(request: HttpRequest) -> HttpResponse:
    """Key and strategic customers' plans, soonest review first, for management meetings; each with the date
    management last reviewed it."""
    last_review = ManagementReview.objects.filter(plan=OuterRef("pk")).order_by("-reviewed_on")
    queryset = (
        _plans(request)
        .filter(organisation__segment__in=services.KEY_SEGMENTS, status__in=services.OPEN_PLAN_STATUSES)
        .annotate(last_management_review=Subquery(last_review.values("reviewed_on")[:1]))
    )
    heading = _("Key and strategic customers' care plans to review")
    context = {"heading": heading, "coverage": services.plan_coverage(), "management_reviews": True}
    return _render_plans(request, queryset, context)


@role_required(*REGISTER_ROLES)
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan, may_write = get_plan_for_user(request.user, pk)
    context = {
        "plan": plan,
        "organisation": plan.organisation,
        "may_write": may_write,
        "actions": plan.actions.select_related("owner").order_by("status", "due_date"),
        "services": plan.services_to_offer.all(),
        "rhythm": services.effective_contact_interval(plan),
        "versions": plan.history.select_related("history_user").order_by("-history_date")[:20],
        "groups": plan.organisation.steering_groups.filter(is_active=True),
        "statuses": CarePlan.Status.choices,
        "action_form": PlanActionForm(initial={"owner": request.user.pk}) if may_write else None,
        "management_reviews": plan.management_reviews.select_related("recorded_by")[:10],
        "may_record_management_review": may_record_management_review(request.user),
    }
    return render(request, "care_plans/plan_detail.html", context)


@role_required(*EDITOR_ROLES)
@idempotent_create
def plan_create(request: HttpRequest, organisation_pk: int) -> HttpResponse:
    organisation = get_rw_organisation_for_user(request.user, organisation_pk)
    existing = CarePlan.objects.filter(organisation=organisation).exclude(status=CarePlan.Status.CLOSED).first()
    if existing:
        messages.info(request, _("This customer already has a care plan."))
        return redirect(existing)
    plan = CarePlan(organisation=organisation)
    rhythm = services.effective_contact_interval(plan)
    form = CarePlanForm(
        request.POST or None,
        instance=plan,
        initial={"owner": organisation.account_manager_id or request.user.pk},
        rhythm_hint=rhythm,
    )
    return _save_plan(request, form, organisation, _("New care plan"))


@role_required(*EDITOR_ROLES)
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_rw_plan_for_user(request.user, pk)
    form = CarePlanForm(request.POST or None, instance=plan, rhythm_hint=services.effective_contact_interval(plan))
    return _save_plan(request, form, plan.organisation, _("Edit the care plan"))


def _save_plan(request, form, organisation, title) -> HttpResponse:
    def save():
        return services.plan_save(
            plan=form.save(commit=False), actor=request.user, services=form.cleaned_data["services_to_offer"]
        )

    if request.method == "POST" and form.is_valid() and (plan := save_versioned(form, save)):
        messages.success(request, _("The care plan was saved."))
        return redirect(plan)
    return render_form(
        request, form=form, title=title, back_url=organisation.get_absolute_url(), organisation=organisation
    )


@role_required(*REGISTER_ROLES)
def plan_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Earlier versions of a plan, and what changed between two of them."""
    plan, _may_write = get_plan_for_user(request.user, pk)
    versions = list(plan.history.select_related("history_user").order_by("-history_date")[:100])
    by_id = {str(v.history_id): v for v in versions}
    newer = by_id.get(request.GET.get("b", "")) or (versions[0] if versions else None)
    older = by_id.get(request.GET.get("a", "")) or (versions[1] if len(versions) > 1 else None)
    changes = []
    if newer and older:
        if older.history_date > newer.history_date:
            older, newer = newer, older
        delta = newer.diff_against(older)
        for change in delta.changes:
            field = CarePlan._meta.get_field(change.field)
            changes.append({"field": change.field, "label": field.verbose_name, "old": change.old, "new": change.new})
    context = {"plan": plan, "versions": versions, "older": older, "newer": newer, "changes": changes}
    return render(request, "care_plans/plan_history.html", context)


@require_POST
@role_required(*EDITOR_ROLES)
def plan_status(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_rw_plan_for_user(request.user, pk)
    status = request.POST.get("status", "")
    if status not in CarePlan.Status.values:
        messages.error(request, _("Unknown status."))
    else:
        services.plan_set_status(plan=plan, status=status, actor=request.user)
        messages.success(request, _("The plan's status was changed."))
    return redirect(plan)


@require_POST
@role_required(*EDITOR_ROLES)
def plan_reviewed(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_rw_plan_for_user(request.user, pk)
    plan = services.plan_mark_reviewed(plan=plan, actor=request.user)
    messages.success(
        request, _("The plan was marked reviewed; next review %(date)s.") % {"date": format_date(plan.review_date)}
    )
    return _back(request, plan)


@role_required(Role.MANAGEMENT, Role.ADMIN)
@idempotent_create
def management_review_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Management records that it reviewed the plan in its meeting: its own record, not an edit of the plan."""
    plan, _may_write = get_plan_for_user(request.user, pk)
    form = ManagementReviewForm(request.POST or None, initial={"reviewed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        services.management_review_record(
            plan=plan, reviewed_on=form.cleaned_data["reviewed_on"], note=form.cleaned_data["note"], actor=request.user
        )
        messages.success(request, _("The management review was recorded."))
        return redirect(plan)
    return render_form(
        request,
        form=form,
        title=_("Management review"),
        back_url=plan.get_absolute_url(),
        organisation=plan.organisation,
    )


@require_POST
@role_required(*EDITOR_ROLES)
@idempotent_create
def action_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_rw_plan_for_user(request.user, pk)
    form = PlanActionForm(request.POST, instance=PlanAction(plan=plan, organisation=plan.organisation))
    if form.is_valid():
        services.action_save(action=form.save(commit=False), actor=request.user)
        messages.success(request, _("The action was added."))
        return redirect(plan)
    return render_form(
        request,
        form=form,
        title=_("New planned action"),
        back_url=plan.get_absolute_url(),
        organisation=plan.organisation,
    )


@require_POST
@login_required
def action_done(request: HttpRequest, pk: int) -> HttpResponse:
    """One click from My work or the plan page; the action's owner or an editor."""
    action = get_rw_action_for_user(request.user, pk)
    services.action_complete(action=action, actor=request.user)
    messages.success(request, _("Done: %(title)s") % {"title": action.title})
    return _back(request, action)


def _back(request, fallback) -> HttpResponse:
    if request.POST.get("next") == "my_work":
        return redirect("crm:my_work")
    return redirect(fallback)
