"""Dates and euros in the reader's language, for services and e-mail that render outside a template.

Templates use the same rules through `{% load kumppani %}` (`date_short`, `datetime_short`, `euro`). The
date formats are Django's locale formats (SHORT_DATE_FORMAT, SHORT_DATETIME_FORMAT), set for our three
languages in kumppani/formats/; `language=None` means the active language.
"""

import datetime
from contextlib import nullcontext
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format

# Where the sign, the number and the euro sign go (CLDR): "1 234,50 €" in Finnish and Swedish, "€1,234.50" in
# English. Finnish and Swedish write a minus sign (U+2212), English a hyphen-minus.
EURO_PATTERNS = {
    "fi": ("\u2212", "{sign}{number}\xa0€"),
    "sv": ("\u2212", "{sign}{number}\xa0€"),
    "en": ("-", "{sign}€{number}"),
}


def _language(language: str | None):
    """The given language, else the active one; with translation deactivated (some commands) Finnish rather
    than Django's language-less US defaults."""
    if language is None and translation.get_language() is not None:
        return nullcontext()
    return translation.override(language or settings.LANGUAGE_CODE)


def _local(value):
    """Aware datetimes are shown in Europe/Helsinki (TIME_ZONE), like the template engine does."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def format_date(value: datetime.date | datetime.datetime | None, language: str | None = None) -> str:
    """1.12.2026 in Finnish, 1 Dec 2026 in English, 2026-12-01 in Swedish; "" for None."""
    if value is None or value == "":
        return ""
    with _language(language):
        return date_format(_local(value), "SHORT_DATE_FORMAT")


def format_datetime(value: datetime.datetime | None, language: str | None = None) -> str:
    """1.12.2026 9.05 in Finnish, 1 Dec 2026 09:05 in English, 2026-12-01 09:05 in Swedish; "" for None."""
    if value is None or value == "":
        return ""
    with _language(language):
        return date_format(_local(value), "SHORT_DATETIME_FORMAT")


def format_euro(amount: Decimal | int | None, language: str | None = None, decimals: int = 2) -> str:
    """A sum of money, rounded half up to `decimals` places (cents by default); "" for None.

    Money is Decimal: a float has already lost cents (0.1 + 0.2), so it is refused rather than rounded.
    """
    if amount is None or amount == "":
        return ""
    if isinstance(amount, float):
        raise TypeError("Money is a Decimal, never a float")
    value = Decimal(amount).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    with _language(language):
        code = translation.get_language().split("-")[0]
        number = number_format(abs(value), decimals, use_l10n=True, force_grouping=True)
    minus, pattern = EURO_PATTERNS.get(code, EURO_PATTERNS["fi"])
    return pattern.format(sign=minus if value < 0 else "", number=number)
