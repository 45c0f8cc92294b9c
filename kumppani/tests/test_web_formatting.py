"""Dates and euros in fi, en and sv: kumppani.web.formatting and the `{% load kumppani %}` filters."""

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from kumppani.web.formatting import format_date, format_datetime, format_euro

NBSP = "\xa0"
MINUS = "\u2212"
UTC = datetime.UTC


@pytest.mark.parametrize(
    ("language", "text"),
    [("fi", "1.12.2026"), ("en", "1 Dec 2026"), ("sv", "2026-12-01")],
)
def test_date(language, text):
    assert format_date(datetime.date(2026, 12, 1), language) == text


@pytest.mark.parametrize(
    ("language", "text"),
    [("fi", "1.12.2026 9.05"), ("en", "1 Dec 2026 09:05"), ("sv", "2026-12-01 09:05")],
)
def test_datetime_is_shown_in_helsinki_time(language, text):
    assert format_datetime(datetime.datetime(2026, 12, 1, 7, 5, tzinfo=UTC), language) == text


def test_an_aware_datetime_gives_the_date_in_helsinki():
    # 22:30 UTC on 30 November is half past midnight on 1 December in Helsinki (EET, UTC+2).
    assert format_date(datetime.datetime(2026, 11, 30, 22, 30, tzinfo=UTC), "fi") == "1.12.2026"
    # Summer time (EEST, UTC+3) begins on the last Sunday of March at 01:00 UTC: the clock skips 3.00-4.00.
    assert format_datetime(datetime.datetime(2026, 3, 29, 0, 30, tzinfo=UTC), "fi") == "29.3.2026 2.30"
    assert format_datetime(datetime.datetime(2026, 3, 29, 1, 30, tzinfo=UTC), "fi") == "29.3.2026 4.30"
    # It ends on the last Sunday of October at 01:00 UTC: 3.30 comes twice, an hour apart.
    assert format_datetime(datetime.datetime(2026, 10, 25, 0, 30, tzinfo=UTC), "fi") == "25.10.2026 3.30"
    assert format_datetime(datetime.datetime(2026, 10, 25, 1, 30, tzinfo=UTC), "fi") == "25.10.2026 3.30"


def test_the_active_language_is_used_when_none_is_given():
    with translation.override("sv"):
        assert format_date(datetime.date(2026, 12, 1)) == "2026-12-01"
        assert format_euro(Decimal("5")) == f"5,00{NBSP}€"
    with translation.override("en"):
        assert format_date(datetime.date(2026, 12, 1)) == "1 Dec 2026"


def test_without_an_active_language_finnish_is_used():
    with translation.override(None):
        assert format_date(datetime.date(2026, 12, 1)) == "1.12.2026"
        assert format_euro(Decimal("1234.5")) == f"1{NBSP}234,50{NBSP}€"


def test_nothing_gives_an_empty_text():
    assert format_date(None) == format_datetime(None) == format_euro(None) == ""


@pytest.mark.parametrize(
    ("amount", "fi", "en"),
    [
        (Decimal("1234.5"), f"1{NBSP}234,50{NBSP}€", "€1,234.50"),
        (Decimal("0"), f"0,00{NBSP}€", "€0.00"),
        (Decimal("999.99"), f"999,99{NBSP}€", "€999.99"),
        (Decimal("1234567.89"), f"1{NBSP}234{NBSP}567,89{NBSP}€", "€1,234,567.89"),
        (5000, f"5{NBSP}000,00{NBSP}€", "€5,000.00"),
        (Decimal("-1234.5"), f"{MINUS}1{NBSP}234,50{NBSP}€", "-€1,234.50"),
        (Decimal("-0.5"), f"{MINUS}0,50{NBSP}€", "-€0.50"),
    ],
)
def test_euro_in_finnish_swedish_and_english(amount, fi, en):
    assert format_euro(amount, "fi") == fi
    assert format_euro(amount, "sv") == fi  # Swedish in Finland writes money as Finnish does
    assert format_euro(amount, "en") == en


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Decimal("0.005"), f"0,01{NBSP}€"),  # half a cent rounds up, as in accounting
        (Decimal("2.675"), f"2,68{NBSP}€"),  # exactly, where a float would give 2,67
        (Decimal("2.665"), f"2,67{NBSP}€"),  # half up, not to the even cent
        (Decimal("999.995"), f"1{NBSP}000,00{NBSP}€"),
        (Decimal("-2.675"), f"{MINUS}2,68{NBSP}€"),  # away from zero for debits too
        (Decimal("-0.004"), f"0,00{NBSP}€"),  # rounds to nothing: no minus sign on a zero
    ],
)
def test_euro_rounds_decimals_half_up(amount, text):
    assert format_euro(amount, "fi") == text


def test_whole_euros():
    assert format_euro(Decimal("84000.49"), "fi", decimals=0) == f"84{NBSP}000{NBSP}€"
    assert format_euro(Decimal("84000.5"), "en", decimals=0) == "€84,001"


def test_a_float_is_refused():
    with pytest.raises(TypeError):
        format_euro(0.1 + 0.2, "fi")


def _render(source: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load kumppani %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "date", "moment", "money"),
    [
        ("fi", "1.12.2026", "1.12.2026 0.30", f"{MINUS}1{NBSP}234,50{NBSP}€"),
        ("en", "1 Dec 2026", "1 Dec 2026 00:30", "-€1,234.50"),
        ("sv", "2026-12-01", "2026-12-01 00:30", f"{MINUS}1{NBSP}234,50{NBSP}€"),
    ],
)
def test_template_filters(language, date, moment, money):
    when = datetime.datetime(2026, 11, 30, 22, 30, tzinfo=UTC)
    assert _render("{{ d|date_short }}", language, d=datetime.date(2026, 12, 1)) == date
    assert _render("{{ t|date_short }}", language, t=when) == date  # the template's local time, like |date
    assert _render("{{ t|datetime_short }}", language, t=when) == moment
    assert _render("{{ m|euro }}", language, m=Decimal("-1234.5")) == money


def test_template_filters_leave_nothing_for_default():
    assert _render('{{ d|date_short|default:"–" }} {{ m|euro|default:"–" }}', "fi", d=None, m=None) == "– –"
    assert _render("{{ m|euro:0 }}", "fi", m=Decimal("1500.40")) == f"1{NBSP}500{NBSP}€"
