"""Every role rule in one place: each app's access.py, views, the admin and the API ask here and never repeat them.

Rules (DESIGN.md "Access in one place"):
- admins see and edit everything, archived customers included;
- account managers see every active customer and edit them: knowledge is shared, not owned;
  the account team itself is changed by the responsible manager or an admin;
- management sees everything an account manager sees, read-only: 403 on every edit page and POST, except
  personal actions that change no customer data (passing a lead, following a customer, their own
  notifications, settings and password);
- teachers see organisations' names (for passing leads) and their own entries (the leads they passed, the
  after-care items they own), nothing more;
- archived customers, and everything recorded on them, are hidden from all but admins.
Strangers to an object get 404 (it is filtered out of their querysets); read-only users get 403.

Each app's access.py offers `get_<thing>_for_user(user, pk) -> (object, may_edit)` (404 for strangers) and
`get_rw_<thing>_for_user(user, pk) -> object` (also 403 when the user may not edit it), built on the rules here.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .roles import Role

REGISTER_ROLES = (Role.ACCOUNT_MANAGER, Role.MANAGEMENT, Role.ADMIN)
EDITOR_ROLES = (Role.ACCOUNT_MANAGER, Role.ADMIN)
# Roles that write the entries they own (their follow-ups and actions): management only reads.
OWNER_WRITER_ROLES = (Role.TEACHER, Role.ACCOUNT_MANAGER, Role.ADMIN)


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


def is_admin(user) -> bool:
    return user.is_authenticated and user.has_role(Role.ADMIN)


def is_account_manager(user) -> bool:
    """The account-manager role: My customers, My work first, and new customers they add become theirs."""
    return user.is_authenticated and user.has_role(Role.ACCOUNT_MANAGER)


def is_teacher(user) -> bool:
    return user.is_authenticated and user.has_role(Role.TEACHER)


def sees_archived(user) -> bool:
    """Archived customers are hidden from everyone but admins (they restore them)."""
    return is_admin(user)


def can_write_own_entries(user) -> bool:
    """Teachers and editors write what they own (a follow-up, an action); management's ownership is read-only."""
    return user.is_authenticated and user.has_role(*OWNER_WRITER_ROLES)


def not_archived(queryset: QuerySet, user, organisation_path: str = "organisation") -> QuerySet:
    """`queryset` without rows of archived customers, unless the user sees them; rows with no customer stay."""
    if sees_archived(user):
        return queryset
    # Against the few archived customers' ids (an indexed lookup, hashed once), not a join to every customer:
    # the join made each list of leads or follow-ups read the whole register.
    customer = queryset.model
    for part in organisation_path.split("__"):
        customer = customer._meta.get_field(part).related_model
    archived = customer._default_manager.filter(is_archived=True).order_by().values("pk")
    return queryset.exclude(**{f"{organisation_path}__in": archived})


def can_edit_organisation(user, organisation) -> bool:
    return can_edit_register(user) and (not organisation.is_archived or sees_archived(user))


def can_change_account_team(user, organisation) -> bool:
    if is_admin(user):
        return True
    if not can_edit_organisation(user, organisation):
        return False
    # Anyone may take an orphan customer; otherwise only its responsible manager hands it over.
    return organisation.account_manager_id in (None, user.pk)


def can_edit_entry(user, entry) -> bool:
    """Interactions, deliveries, contacts: editors may change them; authors who write their own may too."""
    if can_edit_organisation(user, entry.organisation):
        return True
    return getattr(entry, "created_by_id", None) == user.pk and can_write_own_entries(user)


def can_edit_owned(user, item, organisation) -> bool:
    """A follow-up or action: editors of its customer, or its owner when their role writes what it owns."""
    if can_edit_organisation(user, organisation):
        return True
    return item.owner_id == user.pk and can_write_own_entries(user)


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def writable(found: tuple):
    """The object of a `get_<thing>_for_user` answer, or 403 when the user may only read it."""
    obj, may_edit = found
    require(may_edit)
    return obj


def get_notification_for_user(user, pk: int):
    """A notification of the user's own (others' are 404); its recipient may always mark it read."""
    from .notifications import Notification  # here, not at the top: accounts.notifications imports this module

    return get_object_or_404(Notification, pk=pk, recipient=user), True
