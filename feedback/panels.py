"""The organisation page's feedback panel. On the page itself it costs no query: the last 12 months' NPS and
answer count are stored on the organisation row. Its trend, open follow-ups and latest answers come in a
fragment that htmx loads after the page (feedback.views.loop.organisation_feedback)."""

import datetime

from django.utils import timezone

from accounts.access import can_edit_organisation
from feedback.access import FIGURE_ROLES, visible_responses
from feedback.figures import quarterly
from feedback.models import LoopAction, Response

LIST_MIN_ANSWERS = 3  # a stored NPS is shown from this many answers


def feedback_panel(request, organisation) -> dict | None:
    user = request.user
    if not user.has_role(*FIGURE_ROLES):
        return None
    return {
        "organisation": organisation,
        "shows_nps": organisation.nps_12m_answers >= LIST_MIN_ANSWERS,
        "can_edit": can_edit_organisation(user, organisation),
    }


def feedback_details(user, organisation) -> dict:
    """The fragment: quarterly trend of three years, open follow-ups, the latest answers the user may read."""
    trend_since = timezone.now() - datetime.timedelta(days=3 * 365)
    responses = Response.objects.filter(organisation=organisation, answered_at__gte=trend_since)
    return {
        "organisation": organisation,
        "trend": quarterly(responses)[-8:],
        "actions": list(
            LoopAction.objects.filter(organisation=organisation, status=LoopAction.Status.OPEN)
            .select_related("owner", "rule")
            .order_by("due_date")[:5]
        ),
        "latest": list(
            visible_responses(user)
            .filter(organisation=organisation)
            .select_related("role")
            .order_by("-answered_at")[:5]
        ),
    }
