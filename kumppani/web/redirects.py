"""Redirect targets that came from the request (a `next` field, a stored link) go through one check."""

from django.db.models import Model
from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request: HttpRequest, candidate: str | None, fallback: str | Model) -> str:
    """`candidate` if it stays on this site, else `fallback` (a URL, a URL name or an object with a URL).

    Anything else would make Kumppani an open redirect: a link to us that lands on someone else's site. A
    candidate must be a path from the site's root or a full address: `redirect()` would take a bare word
    ("abc") for a URL name and fail on it, and no page of ours links that way.
    """
    if candidate and not candidate.startswith("/") and "://" not in candidate:
        candidate = None
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(fallback)
