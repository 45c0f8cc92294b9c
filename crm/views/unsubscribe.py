"""Unsubscribing through a mail's link: no login, the link's token is the authority."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from crm.models import ContactPreference
from crm.preferences import UNSUBSCRIBE, unsubscribe, unsubscribe_target
from links.models import PublicLink
from links.services import LinkGone
from links.views import link_problem, public_link


# CSRF-exempt because mail clients POST the RFC 8058 one-click unsubscribe ("List-Unsubscribe=One-Click") from
# outside any session; the unguessable token is what authorises the request, and all it can do is refuse mail.
@csrf_exempt
@require_http_methods(["GET", "POST"])
@public_link(UNSUBSCRIBE)
def unsubscribe_view(request: HttpRequest, link: PublicLink, token: str) -> HttpResponse:
    """GET asks for confirmation with a button; a POST (the button or a mail client's one-click) records it."""
    contact, kind = unsubscribe_target(link)
    done = False
    if request.method == "POST":
        try:
            unsubscribe(link=link)
        except LinkGone:
            return link_problem(request, 410)
        done = True
    with translation.override(contact.language):
        return render(
            request,
            "crm/unsubscribe.html",
            {"kind": ContactPreference.Kind(kind).label, "done": done, "token": token},
        )
