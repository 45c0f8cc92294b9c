"""The suggestion review queue: accept or reject one at a time or in bulk; nothing changes silently."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.access import EDITOR_ROLES, REGISTER_ROLES, role_required
from kumppani.web.htmx import is_htmx, render_list
from kumppani.web.pagination import paginate
from kumppani.web.redirects import safe_next_url
from segments import services
from segments.access import can_decide_suggestions, get_rw_suggestion_for_user, visible_reviews, visible_suggestions
from segments.filters import SuggestionFilter
from segments.models import Segment, Suggestion

MAX_BULK = 200


@role_required(*REGISTER_ROLES)
def suggestion_queue(request: HttpRequest) -> HttpResponse:
    pending = (
        visible_suggestions(request.user)
        .filter(status=Suggestion.Status.PENDING)
        .select_related("organisation", "organisation__account_manager")
        .order_by("suggested_code", "organisation__name", "pk")
    )
    suggestion_filter = SuggestionFilter(request.GET or None, queryset=pending)
    page = paginate(request, suggestion_filter.qs, per_page=50)
    segments = {s.code: s for s in Segment.objects.all()}
    names = {code: s.name for code, s in segments.items()}
    for suggestion in page.object_list:
        suggestion.explained = suggestion.explanation_text_with(names)
        suggestion.current = segments.get(suggestion.organisation.segment)
        suggestion.proposed = segments.get(suggestion.suggested_code)
    context = {
        "filter": suggestion_filter,
        "page": page,
        "can_decide": can_decide_suggestions(request.user),
    }
    if not is_htmx(request):
        context["reviews"] = (
            visible_reviews(request.user)
            .filter(resolved_at__isnull=True)
            .select_related("organisation")
            .order_by("created_at")[:100]
        )
    return render_list(request, "segments/suggestions.html", "segments/suggestion_table.html", context)


def _back(request) -> str:
    """Back to the page the decision was made on (its filters and page), or to the queue."""
    return safe_next_url(request, request.POST.get("next") or request.GET.get("next"), "segments:suggestions")


def _decide_one(request, pk: int, accept: bool) -> HttpResponse:
    suggestion = get_rw_suggestion_for_user(request.user, pk)
    try:
        if accept:
            services.suggestion_accept(suggestion=suggestion, actor=request.user)
            messages.success(request, _("%(name)s: suggestion accepted.") % {"name": suggestion.organisation.name})
        elif services.suggestion_reject(suggestion=suggestion, actor=request.user):
            messages.success(request, _("%(name)s: suggestion rejected.") % {"name": suggestion.organisation.name})
        else:
            messages.info(request, _("This suggestion has already been decided."))
    except ValidationError as exc:
        messages.error(request, f"{suggestion.organisation.name}: {' '.join(exc.messages)}")
    return redirect(_back(request))


@require_POST
@role_required(*EDITOR_ROLES)
def suggestion_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide_one(request, pk, accept=True)


@require_POST
@role_required(*EDITOR_ROLES)
def suggestion_reject(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide_one(request, pk, accept=False)


@require_POST
@role_required(*EDITOR_ROLES)
def suggestion_bulk(request: HttpRequest) -> HttpResponse:
    action = request.POST.get("action")
    ids = [int(value) for value in request.POST.getlist("suggestion") if value.isdigit()][:MAX_BULK]
    back = _back(request)
    if action not in ("accept", "reject") or not ids:
        messages.error(request, _("Choose at least one suggestion and an action."))
        return redirect(back)
    suggestions = (
        visible_suggestions(request.user)
        .filter(pk__in=ids, status=Suggestion.Status.PENDING)
        .select_related("organisation")
    )
    done, failed = services.suggestions_decide_bulk(
        suggestions=list(suggestions), accept=action == "accept", actor=request.user
    )
    if action == "accept":
        text = ngettext("%(n)d suggestion accepted.", "%(n)d suggestions accepted.", done)
    else:
        text = ngettext("%(n)d suggestion rejected.", "%(n)d suggestions rejected.", done)
    messages.success(request, text % {"n": done})
    for suggestion, error in failed:
        messages.error(request, f"{suggestion.organisation.name}: {error}")
    return redirect(back)
