"""The four roles of Kumppani. Each is a Django group; one person may hold several."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ACCOUNT_MANAGER = "account_manager", _("Account manager")
    TEACHER = "teacher", _("Teacher")
    MANAGEMENT = "management", _("Management")
    ADMIN = "admin", _("Admin")


# Model permissions each role's group carries: (app_label, model, actions).
ROLE_PERMISSIONS: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {
    Role.ACCOUNT_MANAGER: [
        ("crm", "organisation", ("view", "add", "change")),
        ("crm", "contact", ("view", "add", "change")),
        ("crm", "interaction", ("view", "add", "change")),
        ("crm", "delivery", ("view", "add", "change")),
        ("crm", "partnershipagreement", ("view", "add", "change")),
        ("crm", "accountteamassignment", ("view", "add", "change")),
    ],
    Role.TEACHER: [
        ("crm", "interaction", ("add",)),
    ],
    Role.MANAGEMENT: [
        ("crm", "organisation", ("view",)),
        ("crm", "contact", ("view",)),
        ("crm", "interaction", ("view",)),
        ("crm", "delivery", ("view",)),
        ("crm", "partnershipagreement", ("view",)),
        ("crm", "accountteamassignment", ("view",)),
    ],
    Role.ADMIN: [],  # admins are staff superusers of the product: every permission
}
