from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from crm.access import landing_page


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each role to its first page (crm.access.landing_page); a user with no role sees a plain welcome."""
    page = landing_page(request.user)
    if page is not None:
        return redirect(page)
    return render(request, "home.html")
