"""Shared lookups for the segment pages."""

from django.shortcuts import get_object_or_404

from accounts.access import visible_organisations
from segments.models import Segment, Suggestion


def get_suggestion_for_user(request, pk: int) -> Suggestion:
    return get_object_or_404(
        Suggestion.objects.select_related("organisation").filter(organisation__in=visible_organisations(request.user)),
        pk=pk,
    )


def segment_for_code(code: str) -> Segment | None:
    """The segment of a URL code; None for "unclassified"; 404 for an unknown code."""
    if code == "unclassified":
        return None
    return get_object_or_404(Segment, code=code)
