"""Login throttling by django-axes, for every way in: the app's login page, the admin's and the API's.

Axes (AXES_* in settings) records failed logins in the database, so every web node sees them, and refuses a login
while the e-mail address or the client address has too many recent failures, even with the right password. The
client address comes from kumppani.web.client.client_address, which trusts X-Forwarded-For only as far as
TRUSTED_PROXY_COUNT of our own proxies vouch for it.
"""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


class LoginThrottleHandler(AxesDatabaseHandler):
    """Axes' database handler, with a looser limit for a client address than for an e-mail address.

    Several people may share one address (a school's network), so an address gets AXES_IP_FAILURE_FACTOR times
    the failures an e-mail address gets. Axes compares the largest count against one limit; the address's count
    is scaled down to match.
    """

    def get_failures(self, request, credentials: dict | None = None) -> int:
        counts = []
        for parameter, attempts in zip(
            settings.AXES_LOCKOUT_PARAMETERS, self.get_user_attempts(request, credentials), strict=True
        ):
            failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            counts.append(failures // settings.AXES_IP_FAILURE_FACTOR if parameter == "ip_address" else failures)
        return max(counts, default=0)


def login_username(request: HttpRequest, credentials: dict | None) -> str | None:
    """The e-mail address tried, in lower case: addresses are case-insensitive, so is their count."""
    data = credentials or getattr(request, "data", request.POST)
    return (data.get(settings.AXES_USERNAME_FORM_FIELD) or "").strip().lower() or None


def lockout_response(request: HttpRequest, original_response=None, credentials: dict | None = None) -> HttpResponse:
    """The login page again, saying why the login was refused (the admin's login included)."""
    from .forms import LoginForm  # here: forms import the auth machinery, settings import this module's path

    form = LoginForm(request, initial={"username": login_username(request, credentials) or ""})
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {
        "form": form,
        "next": request.POST.get("next", ""),
        "locked_out": LoginForm.error_messages["throttled"] % {"minutes": minutes},
    }
    return render(request, "accounts/login.html", context, status=429)
