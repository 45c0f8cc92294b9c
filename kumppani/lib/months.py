"""Month arithmetic for contact rhythms (Django-free)."""

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
