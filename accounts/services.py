"""Account services: login throttling and role setup."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.utils import timezone

from .models import LoginAttempt
from .roles import ROLE_PERMISSIONS, Role


def login_is_throttled(*, email: str, ip_address: str | None) -> bool:
    since = timezone.now() - timedelta(minutes=settings.LOGIN_THROTTLE_WINDOW_MINUTES)
    recent = LoginAttempt.objects.filter(attempted_at__gte=since)
    limit = settings.LOGIN_THROTTLE_ATTEMPTS
    by_email = recent.filter(email=email.lower()).count() >= limit
    # An address trying many accounts is throttled too, at a looser limit.
    by_ip = bool(ip_address) and recent.filter(ip_address=ip_address).count() >= limit * 4
    return by_email or by_ip


def login_record_failure(*, email: str, ip_address: str | None) -> None:
    LoginAttempt.objects.create(email=email.lower()[:254], ip_address=ip_address)


def login_clear_failures(*, email: str) -> None:
    LoginAttempt.objects.filter(email=email.lower()).delete()


def login_attempts_prune(older_than: timedelta = timedelta(days=1)) -> int:
    deleted, _ = LoginAttempt.objects.filter(attempted_at__lt=timezone.now() - older_than).delete()
    return deleted


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
