"""Amounts people type, in the reader's language: "1 234,50" in Finnish and Swedish, "1,234.50" in English.

`AmountField` is the form field of every money, turnover and quantity field; its `AmountInput` shows a value
back the way the reader writes it (format_euro's number, without the euro sign). In Finnish and Swedish it
accepts "1 234,50", "1234,50" and the same grouped with a no-break or a narrow no-break space (what a copy
from a document or a phone keyboard gives), and a bare "1234.50" (a browser's or a spreadsheet's form);
"1.234,50" and "1,2,3" are refused with a message, since a reader cannot tell what was meant.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

SPACES = " \xa0\u202f"  # space, no-break space, narrow no-break space
MINUS = "-\u2212"  # hyphen-minus and the minus sign format_euro writes in Finnish and Swedish
_GROUP = rf"[{SPACES}]"
# Whole part: plain digits, or groups of three after one to three digits
COMMA_DECIMAL = re.compile(rf"^(?P<whole>\d+|\d{{1,3}}(?:{_GROUP}\d{{3}})+)(?:,(?P<part>\d+))?$")
DOT_DECIMAL = re.compile(r"^(?P<whole>\d+)\.(?P<part>\d+)$")
ENGLISH = re.compile(r"^(?P<whole>\d+|\d{1,3}(?:,\d{3})+)(?:\.(?P<part>\d+))?$")


def _language() -> str:
    return (translation.get_language() or "fi").split("-")[0]


def parse_amount(text: str, language: str | None = None) -> Decimal | None:
    """The Decimal a person typed, None for an empty value; ValueError when it cannot be read for sure."""
    value = (text or "").strip().strip(SPACES)
    if not value:
        return None
    sign = ""
    if value[0] in MINUS:
        sign, value = "-", value[1:].lstrip(SPACES)
    language = language or _language()
    if language == "en":
        match = ENGLISH.match(value.replace(" ", "").replace("\xa0", "").replace("\u202f", ""))
        if match is None:
            raise ValueError(value)
        whole = match["whole"].replace(",", "")
    else:
        match = COMMA_DECIMAL.match(value) or DOT_DECIMAL.match(value)
        if match is None:
            raise ValueError(value)
        whole = re.sub(_GROUP, "", match["whole"])
    number = f"{sign}{whole}.{match['part']}" if match["part"] else f"{sign}{whole}"
    try:
        return Decimal(number)
    except InvalidOperation:
        raise ValueError(value) from None


def show_amount(value, decimal_places: int | None = None) -> str:
    """A number as the reader writes it, grouped: "1 234,50" (no-break space) in Finnish, "1,234.50" in English."""
    if value in (None, ""):
        return ""
    if not isinstance(value, Decimal):
        try:
            value = Decimal(str(value))
        except InvalidOperation:
            return str(value)  # what was typed comes back as typed, next to its error
    return number_format(value, decimal_places, use_l10n=True, force_grouping=True)


class AmountInput(forms.TextInput):
    """A text input (a number input would refuse "1 234,50") with the decimal keypad on phones."""

    def __init__(self, attrs=None, decimal_places: int | None = None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})
        self.decimal_places = decimal_places

    def format_value(self, value):
        if isinstance(value, str):
            return value  # a bound form shows back exactly what was posted
        return show_amount(value, self.decimal_places)


class AmountField(forms.DecimalField):
    """A Decimal typed the reader's way (see the module); range and places checked as DecimalField does."""

    widget = AmountInput
    default_error_messages = {
        "invalid": _("Write the amount as 1 234,50 or 1234,50 (digits, a comma before the decimals)."),
        "invalid_en": _("Write the amount as 1,234.50 or 1234.50 (digits, a point before the decimals)."),
    }

    def __init__(self, *args, **kwargs):
        kwargs.pop("localize", None)
        super().__init__(*args, **kwargs)
        if isinstance(self.widget, AmountInput):
            self.widget.decimal_places = self.decimal_places
        self.widget.attrs.pop("step", None)  # a text input has no step

    def widget_attrs(self, widget):
        return {}  # DecimalField's step/min/max belong to number inputs

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        try:
            number = parse_amount(str(value))
        except ValueError:
            raise self._invalid() from None
        if number is None:
            return None
        if not number.is_finite():
            raise self._invalid()
        return number

    def _invalid(self) -> ValidationError:
        key = "invalid_en" if _language() == "en" else "invalid"
        return ValidationError(self.error_messages[key], code="invalid")
