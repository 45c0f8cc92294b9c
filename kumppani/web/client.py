"""The client's address, for throttles and rate limits: one rule for every use."""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The address of whoever sent the request, as far as our own reverse proxies vouch for it.

    With TRUSTED_PROXY_COUNT = 0 (no proxy in front) it is REMOTE_ADDR. With N proxies, each appends the address
    it received the request from to X-Forwarded-For, so the Nth entry from the right is what our outermost proxy
    saw; entries further left are the client's own say-so and could be forged. A header with fewer than N entries
    did not pass through all our proxies, so REMOTE_ADDR is used.
    """
    trusted = settings.TRUSTED_PROXY_COUNT
    remote = request.META.get("REMOTE_ADDR") or None
    if trusted <= 0:
        return remote
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if entry.strip()]
    if len(forwarded) < trusted:
        return remote
    return forwarded[-trusted]
