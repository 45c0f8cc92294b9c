"""Reading an answer, closing its loop, logging direct feedback, and taking a "not sent" note off My work."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import EDITOR_ROLES, require, role_required
from accounts.idempotency import idempotent_create
from crm.access import get_organisation_for_user, get_rw_organisation_for_user
from feedback.access import FIGURE_ROLES, get_action_for_user, get_response_for_user, get_rw_invitation_for_user
from feedback.forms import DirectFeedbackForm, LoopCloseForm
from feedback.models import LoopAction
from feedback.panels import feedback_details
from feedback.services import answers, invitations


@role_required(*FIGURE_ROLES)
def response_detail(request: HttpRequest, pk: int) -> HttpResponse:
    response = get_response_for_user(request.user, pk)
    action = LoopAction.objects.filter(response=response).select_related("owner", "rule").first()
    context = {"response": response, "answers": response.answers.select_related("question"), "action": action}
    return render(request, "feedback/response_detail.html", context)


@role_required(*FIGURE_ROLES)
def organisation_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    """The organisation panel's details, loaded by htmx after the page (the page itself stays within its budget)."""
    organisation, _may_edit = get_organisation_for_user(request.user, pk)
    context = {"panel": feedback_details(request.user, organisation)}
    return render(request, "feedback/panel_details.html", context)


@login_required
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The follow-up of an answer; its owner (or an editor of the customer) closes the loop here."""
    action, may_write = get_action_for_user(request.user, pk)
    may_close = may_write and action.status == LoopAction.Status.OPEN
    if request.method == "POST":
        require(may_close)
    form = None
    if may_close:
        form = LoopCloseForm(request.POST or None, instance=action, initial={"contacted_on": timezone.localdate()})
    if form is not None and form.is_valid():
        data = form.cleaned_data
        answers.loop_close(
            action=action,
            actor=request.user,
            contacted_on=data["contacted_on"],
            channel=data["channel"],
            agreed=data["agreed"],
            corrective_action=data["corrective_action"],
        )
        messages.success(request, _("The loop was closed."))
        return redirect(action)
    response = action.response
    may_read_answer = request.user.has_role(*FIGURE_ROLES)
    context = {"action": action, "response": response, "form": form, "may_read_answer": may_read_answer}
    return render(request, "feedback/action_detail.html", context)


@role_required(*EDITOR_ROLES)
@idempotent_create
def direct_create(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_rw_organisation_for_user(request.user, pk)
    form = DirectFeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        answers.direct_feedback_log(organisation=organisation, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The feedback was logged."))
        return redirect(organisation)
    return render(
        request, "crm/entry_form.html", {"form": form, "organisation": organisation, "title": _("Direct feedback")}
    )


@require_POST
@role_required(*EDITOR_ROLES)
def invitation_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_rw_invitation_for_user(request.user, pk)
    invitations.invitation_dismiss(invitation=invitation, actor=request.user)
    return redirect("crm:my_work")
