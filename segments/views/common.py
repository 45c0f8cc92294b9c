"""Helpers shared by the segment pages (who may see what is segments/access.py's business)."""

from django.shortcuts import get_object_or_404

from segments.models import Segment


def segment_for_code(code: str) -> Segment | None:
    """The segment of a URL code; None for "unclassified"; 404 for an unknown code."""
    if code == "unclassified":
        return None
    return get_object_or_404(Segment, code=code)
