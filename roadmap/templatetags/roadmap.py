"""A figure's number in the reader's format, and each number of a figure's table as a link to its rows."""

from decimal import Decimal

from django import template
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import format_html

from kumppani.web.formatting import format_euro

register = template.Library()


def show_number(value, unit: str = "") -> str:
    if value is None:
        return "–"
    if unit == "€":
        return format_euro(value, decimals=0)
    if isinstance(value, Decimal):
        text = number_format(value, decimal_pos=1 if unit == "%" else 2, use_l10n=True)
        text = text.rstrip("0").rstrip(",.") if "," in text or "." in text else text
        return f"{text} %" if unit == "%" else text
    return number_format(value, use_l10n=True)


@register.simple_tag
def drill_cell(cell, code: str, query: str = "", unit: str = ""):
    """A plain cell as it is; a (value, part) cell as a link to the rows behind it, keeping the filters."""
    if not isinstance(cell, tuple):
        return format_html("{}", cell if cell not in (None, "") else "–")
    value, part = cell
    url = reverse("roadmap:live_rows", args=[code, part])
    shown = format_euro(value, decimals=0) if isinstance(value, Decimal) else show_number(value)
    return format_html('<a href="{}{}">{}</a>', url, f"?{query}" if query else "", shown)


@register.simple_tag
def figure_value(result, live) -> str:
    """The headline: "42,5 % (17 / 40)" for a share, the count or the sum otherwise."""
    if result.value is None:
        return "–"
    if live.unit == "%":
        return f"{show_number(result.value, '%')} ({result.numerator} / {result.denominator})"
    return show_number(result.value, live.unit)
