"""Every access question in one place: views, the admin and the API ask here and never repeat the rules.

Rules (DESIGN.md "Access in one place"):
- admins see and edit everything, archived customers included;
- account managers see every active customer and edit them: knowledge is shared, not owned;
  the account team itself is changed by the responsible manager or an admin;
- management sees everything an account manager sees, read-only;
- teachers see organisations' names (for passing leads) and their own entries, nothing more.
Strangers to an object get 404 (it is filtered out of their querysets); read-only users get 403.
"""

from functools import wraps

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from .roles import Role

REGISTER_ROLES = (Role.ACCOUNT_MANAGER, Role.MANAGEMENT, Role.ADMIN)
EDITOR_ROLES = (Role.ACCOUNT_MANAGER, Role.ADMIN)


def role_required(*roles: str):
    """View decorator: login first, then one of `roles`, else 403."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.has_role(*roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def can_view_register(user) -> bool:
    return user.is_authenticated and user.has_role(*REGISTER_ROLES)


def can_edit_register(user) -> bool:
    return user.is_authenticated and user.has_role(*EDITOR_ROLES)


def can_see_money(user) -> bool:
    return can_view_register(user)


def visible_organisations(user) -> QuerySet:
    organisation = apps.get_model("crm", "Organisation")
    if not can_view_register(user):
        return organisation.objects.none()
    if user.has_role(Role.ADMIN):
        return organisation.objects.all()
    return organisation.objects.filter(is_archived=False)


def nameable_organisations(user) -> QuerySet:
    """Organisations whose name the user may see (teachers pick them when passing a lead)."""
    organisation = apps.get_model("crm", "Organisation")
    if not user.is_authenticated:
        return organisation.objects.none()
    return organisation.objects.filter(is_archived=False)


def can_edit_organisation(user, organisation) -> bool:
    return can_edit_register(user) and (not organisation.is_archived or user.has_role(Role.ADMIN))


def can_change_account_team(user, organisation) -> bool:
    if user.has_role(Role.ADMIN):
        return True
    if not can_edit_organisation(user, organisation):
        return False
    # Anyone may take an orphan customer; otherwise only its responsible manager hands it over.
    return organisation.account_manager_id in (None, user.pk)


def can_edit_entry(user, entry) -> bool:
    """Interactions, deliveries, contacts: editors may change them; authors may change their own."""
    if can_edit_register(user):
        return True
    return getattr(entry, "created_by_id", None) == user.pk


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied
