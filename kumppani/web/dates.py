"""The range every date people enter must lie in, for forms, the admin and services alike.

A date typed by a person lies between 1.1.2000 and ten years from today; the time of an interaction at most a
year ahead (a visit is logged after it happened, or booked for the coming months). A year such as 9999 is a
typo that would otherwise be saved and break whatever is computed from it (after-care due dates, reminders).
These bounds are decided, not settings.

Models put `DateInRange()` in a field's validators (so ModelForms, the admin and `full_clean()` in services
all refuse), and plain forms and filters use `BoundedDateField` / `BoundedDateTimeField`, which carry the same
validator. tests/test_date_bounds.py fails when a form's date field has none.
"""

import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from kumppani.lib.months import add_months
from kumppani.web.formatting import format_date

EARLIEST_DATE = datetime.date(2000, 1, 1)
YEARS_AHEAD = 10
INTERACTION_YEARS_AHEAD = 1


def latest_date(years_ahead: int = YEARS_AHEAD, today: datetime.date | None = None) -> datetime.date:
    return add_months(today or timezone.localdate(), 12 * years_ahead)


@deconstructible
class DateInRange:
    """Refuses a date (or a datetime, by its Helsinki day) before 1.1.2000 or more than `years_ahead` ahead."""

    code = "date_out_of_range"

    def __init__(self, years_ahead: int = YEARS_AHEAD):
        self.years_ahead = years_ahead

    def __call__(self, value) -> None:
        if value is None:
            return
        day = value
        if isinstance(value, datetime.datetime):
            day = timezone.localdate(value) if timezone.is_aware(value) else value.date()
        latest = latest_date(self.years_ahead)
        if not EARLIEST_DATE <= day <= latest:
            raise ValidationError(
                _("Give a date between %(earliest)s and %(latest)s: check the year."),
                code=self.code,
                params={"earliest": format_date(EARLIEST_DATE), "latest": format_date(latest)},
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, DateInRange) and other.years_ahead == self.years_ahead


def date_in_range_validators(years_ahead: int = YEARS_AHEAD) -> list:
    return [DateInRange(years_ahead)]


def has_date_bound(field) -> bool:
    """Whether a form or model field carries the range (the test that walks every form asks this)."""
    return any(isinstance(validator, DateInRange) for validator in field.validators)


class _Bounded:
    def __init__(self, *args, years_ahead: int = YEARS_AHEAD, **kwargs):
        super().__init__(*args, **kwargs)
        self.validators.append(DateInRange(years_ahead))

    def to_python(self, value):
        # A year past 9999 or a day that does not exist is "not a date" rather than an OverflowError.
        try:
            return super().to_python(value)
        except (OverflowError, ValueError):
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class BoundedDateField(_Bounded, forms.DateField):
    """A form's date field in the range people may enter."""


class BoundedDateTimeField(_Bounded, forms.DateTimeField):
    """A form's date-and-time field in the range people may enter."""


class BoundedDateFilter(django_filters.DateFilter):
    """A list filter's date in the same range: a far-off year is a message on the filter, not a 500."""

    field_class = BoundedDateField
