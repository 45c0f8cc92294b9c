"""Navigation by role: base.html renders whatever this returns."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .access import can_view_register
from .roles import Role


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    if user.has_role(Role.ACCOUNT_MANAGER):
        items.append((_("My customers"), reverse("crm:my_customers")))
    if can_view_register(user):
        items.append((_("Customers"), reverse("crm:organisation_list")))
    if user.has_role(Role.ADMIN) and user.is_staff:
        items.append((_("Administration"), reverse("admin:index")))
    path = request.path
    return {
        "nav_items": [
            {"label": label, "url": url, "active": path.startswith(url) and url != "/"} for label, url in items
        ]
    }
