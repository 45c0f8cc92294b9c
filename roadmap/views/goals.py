"""The roadmap board, a goal's page, its progress notes, evidence and earlier versions."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import role_required
from accounts.idempotency import idempotent_create
from roadmap import services
from roadmap.access import READER_ROLES, WRITER_ROLES, can_write_roadmap, get_goal_for_user, get_rw_goal_for_user
from roadmap.forms import EvidenceForm, ProgressForm
from roadmap.models import Goal, Roadmap
from roadmap.progress import board

GOAL_FIELDS = ("text_fi", "text_en", "text_sv", "state", "year", "result_area", "owner", "theme", "order")


@role_required(*READER_ROLES)
def roadmap_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Every goal of a roadmap by theme and column, with its state."""
    roadmap = get_object_or_404(Roadmap.objects.select_related("owner"), pk=pk)
    context = {"roadmap": roadmap, "board": board(roadmap), "may_write": can_write_roadmap(request.user)}
    return render(request, "roadmap/roadmap_detail.html", context)


def _goal_page(request: HttpRequest, goal: Goal, may_write: bool, *, progress_form=None, evidence_form=None):
    context = {
        "goal": goal,
        "may_write": may_write,
        "updates": goal.updates.select_related("author")[:50],
        "evidence": goal.evidence.select_related("added_by"),
        "indicators": goal.indicators.filter(is_active=True),
        "progress_form": progress_form or (ProgressForm(initial={"state": goal.state}) if may_write else None),
        "evidence_form": evidence_form or (EvidenceForm() if may_write else None),
    }
    return render(request, "roadmap/goal_detail.html", context, status=400 if (progress_form or evidence_form) else 200)


@role_required(*READER_ROLES)
def goal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    goal, may_write = get_goal_for_user(request.user, pk)
    return _goal_page(request, goal, may_write)


@require_POST
@role_required(*WRITER_ROLES)
@idempotent_create
def goal_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """A new state with a progress note (management and admins)."""
    goal = get_rw_goal_for_user(request.user, pk)
    form = ProgressForm(request.POST)
    if not form.is_valid():
        return _goal_page(request, goal, True, progress_form=form)
    services.goal_set_state(
        goal=goal, state=form.cleaned_data["state"], note=form.cleaned_data["note"], author=request.user
    )
    messages.success(request, _("The goal's progress was recorded."))
    return redirect(goal)


@require_POST
@role_required(*WRITER_ROLES)
@idempotent_create
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_rw_goal_for_user(request.user, pk)
    form = EvidenceForm(request.POST)
    if not form.is_valid():
        return _goal_page(request, goal, True, evidence_form=form)
    evidence = form.save(commit=False)
    evidence.goal = goal
    services.evidence_add(evidence=evidence, actor=request.user)
    messages.success(request, _("The evidence link was added."))
    return redirect(goal)


@role_required(*READER_ROLES)
def goal_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Earlier wordings and states of a goal, who changed them and when, and the differences."""
    goal, _may_write = get_goal_for_user(request.user, pk)
    versions = list(goal.history.select_related("history_user").order_by("-history_date", "-history_id")[:100])
    rows = []
    for newer, older in zip(versions, [*versions[1:], None], strict=True):
        changes = []
        if older is not None:
            for change in newer.diff_against(older, included_fields=list(GOAL_FIELDS)).changes:
                field = Goal._meta.get_field(change.field)
                old, new = change.old, change.new
                if field.choices:
                    old, new = dict(field.flatchoices).get(old, old), dict(field.flatchoices).get(new, new)
                changes.append({"label": field.verbose_name, "old": old, "new": new})
        rows.append({"version": newer, "changes": changes, "first": older is None})
    return render(request, "roadmap/goal_history.html", {"goal": goal, "rows": rows})
