"""Amounts in the reader's language: Finnish and Swedish forms are read and shown back the same way."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from kumppani.web.amounts import AmountField, parse_amount, show_amount

ACCEPTED = {
    "1 234,50": Decimal("1234.50"),
    "1234,50": Decimal("1234.50"),
    "1\xa0234,50": Decimal("1234.50"),
    "1\u202f234,50": Decimal("1234.50"),
    "12 345 678": Decimal("12345678"),
    "1234": Decimal("1234"),
    "1234.50": Decimal("1234.50"),  # what a browser or a spreadsheet gives
    " 0,5 ": Decimal("0.5"),
    "\u22121 234,50": Decimal("-1234.50"),
}
REFUSED = ("1.234,50", "1,2,3", "12 34,50", "1 234.50", "abc", "1,", ",50", "1e5", "NaN", "1 2345")


@pytest.mark.parametrize("language", ["fi", "sv"])
@pytest.mark.parametrize(("text", "amount"), ACCEPTED.items())
def test_finnish_and_swedish_forms_are_read(language, text, amount):
    assert parse_amount(text, language) == amount


@pytest.mark.parametrize("language", ["fi", "sv"])
@pytest.mark.parametrize("text", REFUSED)
def test_ambiguous_forms_are_refused(language, text):
    with pytest.raises(ValueError):
        parse_amount(text, language)


def test_english_reads_its_own_form():
    assert parse_amount("1,234.50", "en") == Decimal("1234.50")
    assert parse_amount("1234.50", "en") == Decimal("1234.50")
    for text in ("1,2,3", "1.234,50", "1 234,50"):
        with pytest.raises(ValueError):
            parse_amount(text, "en")


@pytest.mark.parametrize(("language", "shown"), [("fi", "1\xa0234,50"), ("sv", "1\xa0234,50"), ("en", "1,234.50")])
def test_a_value_is_shown_back_the_readers_way(language, shown):
    with translation.override(language):
        assert show_amount(Decimal("1234.5"), 2) == shown
        field = AmountField(max_digits=12, decimal_places=2)
        assert field.widget.format_value(Decimal("1234.50")) == shown
        assert field.clean(shown) == Decimal("1234.50")


def test_the_field_refuses_with_a_message_in_the_readers_language():
    field = AmountField(max_digits=12, decimal_places=2)
    with translation.override("fi"), pytest.raises(ValidationError) as refused:
        field.clean("1.234,50")
    assert "1 234,50" in refused.value.messages[0]
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        field.clean("1,2,3")
    assert "1,234.50" in refused.value.messages[0]


def test_places_and_digits_are_still_checked():
    field = AmountField(max_digits=5, decimal_places=2)
    with translation.override("fi"):
        for text in ("1,234", "1 234 567"):
            with pytest.raises(ValidationError):
                field.clean(text)
