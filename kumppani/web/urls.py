"""Addresses outside a request (e-mail, calendar feeds, notifications sent by a worker) come from SITE_URL."""

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path: str) -> str:
    """`path` (e.g. from get_absolute_url()) on the site's public address; an absolute URL is kept as it is."""
    if urlsplit(path).scheme:
        return path
    return settings.SITE_URL.rstrip("/") + "/" + path.lstrip("/")


def site_host() -> str:
    """The host (and port) of SITE_URL, e.g. for iCalendar UIDs, which must not change between releases."""
    return settings.SITE_URL.split("//")[-1].split("/")[0] or "kumppani"
