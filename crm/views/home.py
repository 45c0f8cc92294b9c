from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.access import can_view_register
from accounts.roles import Role


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each role to its first page."""
    if request.user.has_role(Role.ACCOUNT_MANAGER):
        return redirect("crm:my_work")
    if can_view_register(request.user):
        return redirect("crm:organisation_list")
    if request.user.has_role(Role.TEACHER):
        return redirect("leads:my_leads")
    return render(request, "home.html")
