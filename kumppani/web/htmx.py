"""A list is a page plus a fragment: htmx requests get the fragment, everything else the whole page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def is_htmx(request: HttpRequest) -> bool:
    """Whether htmx asked for a fragment to swap in.

    A boosted link and htmx's history restore (going back to a page no longer in its cache) want the whole
    page, although htmx sends HX-Request with them too.
    """
    headers = request.headers
    return (
        headers.get("HX-Request") == "true"
        and headers.get("HX-Boosted") != "true"
        and headers.get("HX-History-Restore-Request") != "true"
    )


def render_list(request: HttpRequest, full_template: str, partial_template: str, context: dict) -> HttpResponse:
    """The partial for htmx, the page otherwise; the page template includes the partial.

    One URL answers with two bodies depending on a header, so the response varies on it: a browser or proxy
    cache must not hand the fragment back for a full page load.
    """
    template = partial_template if is_htmx(request) else full_template
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response
