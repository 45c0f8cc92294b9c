"""Account services: pruning the login records, role setup and the password-reset mail."""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.tokens import default_token_generator
from django.db.models import Q
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from outbox.models import OutgoingEmail
from outbox.services import email_queue

from .models import OrgUnit, User
from .roles import ROLE_PERMISSIONS, Role

PASSWORD_RESET_TEMPLATE = "emails/password_reset"


def login_attempts_prune() -> int:
    """Forget django-axes' failed logins past the throttle window and its login log past LOGIN_LOG_DAYS."""
    from axes.models import AccessAttempt, AccessLog

    now = timezone.now()
    attempts, _ = AccessAttempt.objects.filter(attempt_time__lt=now - settings.AXES_COOLOFF_TIME).delete()
    logs, _ = AccessLog.objects.filter(attempt_time__lt=now - timedelta(days=settings.LOGIN_LOG_DAYS)).delete()
    return attempts + logs


def primary_unit_pick(*, primary_unit: OrgUnit | None, units) -> OrgUnit | None:
    """The primary unit to store: the one chosen, else the only unit when there is exactly one."""
    units = list(units)
    if primary_unit is None and len(units) == 1:
        return units[0]
    return primary_unit


def user_units_set(*, user: User, units, primary_unit: OrgUnit | None = None) -> User:
    """Give a user their units and primary unit (validated: the primary is one of the units)."""
    units = list(units)
    user.primary_unit = primary_unit_pick(primary_unit=primary_unit, units=units)
    user.pending_unit_ids = {unit.pk for unit in units}
    user.full_clean(exclude=["password"])
    user.save()
    user.units.set(units)
    return user


def roles_sync() -> None:
    """Create each role's group and give it exactly its permissions (idempotent; run by migrate)."""
    for role in Role:
        group, _created = Group.objects.get_or_create(name=role.value)
        wanted = Q(pk__in=[])
        for app_label, model, actions in ROLE_PERMISSIONS.get(role, []):
            wanted |= Q(content_type__app_label=app_label, codename__in=[f"{a}_{model}" for a in actions])
        if role == Role.ADMIN:
            permissions = Permission.objects.all()
        else:
            permissions = Permission.objects.filter(wanted)
        group.permissions.set(permissions)


def password_reset_email_queue(*, user: User) -> OutgoingEmail:
    """Queue the password-reset mail. Only the user's id is stored: the token is made when the mail is sent."""
    return email_queue(
        to=user.email,
        template=PASSWORD_RESET_TEMPLATE,
        context={"user": user.pk},
        language=user.language or settings.LANGUAGE_CODE,
    )


def password_reset_email_context(stored: dict) -> dict:
    """The outbox's context provider for the reset mail: the link's uid and token, made at render time.

    The token is valid from when the mail goes out (PASSWORD_RESET_TIMEOUT) and is never stored. The link
    points at SITE_URL, not at whatever host the request named.
    """
    user = User.objects.get(pk=stored["user"], is_active=True)
    site = urlsplit(settings.SITE_URL)
    return {
        "user": user,
        "email": user.email,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        "protocol": site.scheme,
        "domain": site.netloc,
        "site_name": "Kumppani",
    }
