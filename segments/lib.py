"""Django-free helpers: month arithmetic for contact rhythms and badge colour contrast."""

import calendar
import datetime
from zoneinfo import ZoneInfo

HELSINKI = ZoneInfo("Europe/Helsinki")


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` plus `months` calendar months, clamped to the month's end: 31 Jan + 1 month = 28/29 Feb."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last))


def next_contact_due(
    last_contact_at: datetime.datetime | None,
    interval_months: int | None,
    today: datetime.date,
    tz: datetime.tzinfo = HELSINKI,
) -> datetime.date | None:
    """When the next contact is due under a care model.

    The last contact's calendar day is taken in Finnish time (a meeting at 00:30 on 29 March is on the 29th
    even though it is still the 28th in UTC), then the interval is added in whole months with month-end
    clamping. A customer never contacted is due today; a care model without a rhythm gives no due date.
    """
    if not interval_months:
        return None
    if last_contact_at is None:
        return today
    if last_contact_at.tzinfo is None:
        raise ValueError("last_contact_at must be timezone-aware")
    return add_months(last_contact_at.astimezone(tz).date(), interval_months)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_colour: str) -> float:
    value = hex_colour.lstrip("#")
    r, g, b = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(first: str, second: str) -> float:
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def text_colour_for(background: str) -> str:
    """White or near-black text, whichever contrasts more with the badge background (WCAG)."""
    try:
        white = contrast_ratio(background, "#ffffff")
        black = contrast_ratio(background, "#212529")
    except (ValueError, IndexError):
        return "#ffffff"
    return "#ffffff" if white >= black else "#212529"
