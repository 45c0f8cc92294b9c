"""What every public link view shares: the rate limit, the token's lookup and the pages for tokens that open nothing."""

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from kumppani.web.client import client_address
from links.models import PublicLink
from links.services import LinkGone, LinkUnknown, link_resolve, resolve_allowed

LinkView = Callable[[HttpRequest, PublicLink, str], HttpResponse]


def link_problem(request: HttpRequest, status: int) -> HttpResponse:
    """A page saying, in the visitor's language, why the link opens nothing (never a 500)."""
    if status == 410:
        title = _("This link is no longer valid")
        text = _("The link has expired or has already been used. Ask the sender for a new one.")
    elif status == 429:
        title = _("Too many tries")
        text = _("Wait a minute and try again.")
    else:
        title = _("Link not found")
        text = _("Check that the whole address was copied from the message.")
    return render(request, "links/problem.html", {"title": title, "text": text}, status=status)


def public_link(purpose: str) -> Callable[[LinkView], Callable[..., HttpResponse]]:
    """Open `token` for `purpose` and call the view with the link; answer 429, 404 or 410 otherwise.

    The view gets the token too, to post its form back to the same address. It calls `link_use` itself when
    the person acts (a GET that only shows a page uses nothing).
    """

    def decorator(view: LinkView) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, token: str) -> HttpResponse:
            if not resolve_allowed(client_address(request)):
                return link_problem(request, 429)
            try:
                link = link_resolve(token=token, purpose=purpose)
            except LinkUnknown:
                return link_problem(request, 404)
            except LinkGone:
                return link_problem(request, 410)
            return view(request, link, token)

        return wrapper

    return decorator
