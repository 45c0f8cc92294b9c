"""The organisation page's feedback panel: NPS of the last 12 months with its counts and quarterly trend, open
follow-ups of answers, the latest answers (to those who may read them) and a link to log direct feedback."""

import datetime

from django.utils import timezone

from accounts.access import can_edit_organisation
from feedback.access import FIGURE_ROLES, visible_responses
from feedback.figures import quarterly
from feedback.models import LoopAction, Response
from feedback.services.answers import TWELVE_MONTHS, nps_counts


def feedback_panel(request, organisation) -> dict | None:
    user = request.user
    if not user.has_role(*FIGURE_ROLES):
        return None
    responses = Response.objects.filter(organisation=organisation)
    since = timezone.now() - TWELVE_MONTHS
    trend_since = timezone.now() - datetime.timedelta(days=3 * 365)
    readable = visible_responses(user).filter(organisation=organisation)
    return {
        "organisation": organisation,
        "nps": nps_counts(responses.filter(answered_at__gte=since)),
        "trend": quarterly(responses.filter(answered_at__gte=trend_since))[-8:],
        "actions": list(
            LoopAction.objects.filter(organisation=organisation, status=LoopAction.Status.OPEN)
            .select_related("owner", "rule")
            .order_by("due_date")[:5]
        ),
        "latest": list(readable.select_related("role").order_by("-answered_at")[:5]),
        "can_edit": can_edit_organisation(user, organisation),
    }
