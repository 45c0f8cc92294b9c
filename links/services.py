"""Making, opening and using public links. The one module for every no-login link (docs/ARCHITECTURE.md).

`link_create` makes the invitation, `link_token_issue` a fresh token for it (only its hash is kept; issue one
per mail, at render time, so no stored row holds a token), `link_resolve` finds the open link a token belongs
to, and `link_use` counts a use with a conditional UPDATE, so two requests racing for a single-use link cannot
both use it. `resolve_allowed` is the per-address rate limit a view checks before resolving.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from links.models import PublicLink, PublicLinkToken


class LinkError(Exception):
    """A token that opens nothing."""


class LinkUnknown(LinkError):
    """No such token, or a token of a link for another purpose (not told apart, so tokens cannot be probed)."""


class LinkGone(LinkError):
    """The link existed but is expired, revoked or used up."""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def link_create(
    *,
    purpose: str,
    target: models.Model,
    expires_in: datetime.timedelta,
    max_uses: int | None = 1,
    scope: str = "",
) -> PublicLink:
    link = PublicLink(
        purpose=purpose,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        scope=scope,
        expires_at=timezone.now() + expires_in,
        max_uses=max_uses,
    )
    link.full_clean()
    link.save()
    return link


def link_token_issue(link: PublicLink) -> str:
    """A fresh token for the link: 256 random bits, URL-safe. Only its SHA-256 hash is stored."""
    token = secrets.token_urlsafe(32)
    PublicLinkToken.objects.create(link=link, token_hash=token_hash(token))
    return token


def link_resolve(*, token: str, purpose: str) -> PublicLink:
    """The open link the token belongs to; LinkUnknown or LinkGone otherwise."""
    found = PublicLinkToken.objects.select_related("link").filter(token_hash=token_hash(token)).first()
    if found is None or found.link.purpose != purpose:
        raise LinkUnknown(purpose)
    if not found.link.is_open():
        raise LinkGone(purpose)
    return found.link


def link_use(link: PublicLink) -> None:
    """Count one use, atomically: the UPDATE only hits a link that is still open, or LinkGone is raised."""
    now = timezone.now()
    counted = PublicLink.objects.filter(
        Q(max_uses__isnull=True) | Q(uses__lt=F("max_uses")),
        pk=link.pk,
        revoked_at__isnull=True,
        expires_at__gt=now,
    ).update(uses=F("uses") + 1, last_used_at=now)
    if counted != 1:
        raise LinkGone(link.purpose)
    link.refresh_from_db(fields=["uses", "last_used_at"])


def link_revoke(link: PublicLink) -> None:
    PublicLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    link.refresh_from_db(fields=["revoked_at"])


def links_for(*, purpose: str, target: models.Model, scope: str = "") -> models.QuerySet[PublicLink]:
    return PublicLink.objects.filter(
        purpose=purpose,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        scope=scope,
    )


def resolve_allowed(address: str | None) -> bool:
    """Count one try from this address; False once it made more than the limit in this minute.

    Counted in the cache (Redis in production, shared by every node), in fixed one-minute windows: guessing a
    256-bit token is hopeless anyway, the limit keeps a scanner from loading the database.
    """
    window = int(timezone.now().timestamp() // 60)
    key = f"links:resolve:{address or 'unknown'}:{window}"
    cache.add(key, 0, timeout=120)
    try:
        tries = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=120)
        tries = 1
    return tries <= settings.PUBLIC_LINK_RATE_LIMIT_PER_MINUTE
