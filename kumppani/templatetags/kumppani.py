"""`{% load kumppani %}`: dates and euros in the reader's language (the rules are in kumppani.web.formatting)."""

from django import template

from kumppani.web.formatting import format_date, format_datetime, format_euro

register = template.Library()


@register.filter(expects_localtime=True)
def date_short(value) -> str:
    """{{ delivery.start_date|date_short }} → 1.12.2026 (fi), 1 Dec 2026 (en), 2026-12-01 (sv)."""
    return format_date(value)


@register.filter(expects_localtime=True)
def datetime_short(value) -> str:
    """{{ entry.occurred_at|datetime_short }} → 1.12.2026 9.05 (fi), 1 Dec 2026 09:05 (en), 2026-12-01 09:05 (sv)."""
    return format_datetime(value)


@register.filter
def euro(value, decimals: int = 2) -> str:
    """{{ offer.total|euro }} → 1 234,50 € (fi, sv), €1,234.50 (en); {{ turnover|euro:0 }} for whole euros."""
    return format_euro(value, decimals=int(decimals))
