"""Finnish working-day arithmetic (Django-free): weekends and holidays.Finland's public holidays are off."""

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=32)
def _finnish_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.Finland(years=year).keys())


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _finnish_holidays(day.year)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date `days` working days after `start` (0 gives the first working day on or after start)."""
    day = start
    if days == 0:
        while not is_working_day(day):
            day += datetime.timedelta(days=1)
        return day
    step = datetime.timedelta(days=1 if days > 0 else -1)
    remaining = abs(days)
    while remaining:
        day += step
        if is_working_day(day):
            remaining -= 1
    return day


def previous_working_day(day: datetime.date) -> datetime.date:
    """`day` itself when it is a working day, else the closest working day before it."""
    while not is_working_day(day):
        day -= datetime.timedelta(days=1)
    return day


def due_after(end: datetime.date, days: int, *, working_days: bool) -> datetime.date:
    """A due date `days` after `end`.

    Counted in working days when asked; otherwise in calendar days and, when that lands on a weekend or
    a holiday, moved back to the working day before it, so that "within two weeks" still holds.
    """
    if working_days:
        return add_working_days(end, days)
    return previous_working_day(end + datetime.timedelta(days=days))
