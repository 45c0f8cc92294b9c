"""Helpers shared by the segment pages (who may see what is segments/access.py's business)."""

from django.shortcuts import get_object_or_404
from django.utils.http import url_has_allowed_host_and_scheme

from segments.models import Segment


def segment_for_code(code: str) -> Segment | None:
    """The segment of a URL code; None for "unclassified"; 404 for an unknown code."""
    if code == "unclassified":
        return None
    return get_object_or_404(Segment, code=code)


def safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    return query.urlencode()
