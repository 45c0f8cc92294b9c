"""Template helpers for feedback's pages."""

from django import template

register = template.Library()


@register.filter
def quarter(day) -> str:
    """2026-04-01 → 2026 Q2."""
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"
