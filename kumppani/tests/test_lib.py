"""The Django-free helpers: size class from headcount and turnover, and the Finnish business ID."""

from decimal import Decimal

import pytest

from kumppani.lib.business_id import is_valid_business_id, normalise_business_id
from kumppani.lib.size_class import LARGE, MEDIUM, MICRO, SMALL, size_class

M = Decimal(1_000_000)
CENT = Decimal("0.01")


@pytest.mark.parametrize(
    ("headcount", "expected"),
    [(0, MICRO), (9, MICRO), (10, SMALL), (49, SMALL), (50, MEDIUM), (249, MEDIUM), (250, LARGE), (10_000, LARGE)],
)
def test_headcount_alone_gives_the_class_at_each_boundary(headcount, expected):
    assert size_class(headcount, None) == expected


@pytest.mark.parametrize(
    ("turnover", "expected"),
    [
        (Decimal(0), MICRO),
        (2 * M, MICRO),
        (2 * M + CENT, SMALL),
        (10 * M, SMALL),
        (10 * M + CENT, MEDIUM),
        (50 * M, MEDIUM),
        (50 * M + CENT, LARGE),
    ],
)
def test_turnover_alone_gives_the_class_at_each_boundary(turnover, expected):
    assert size_class(None, turnover) == expected


@pytest.mark.parametrize(
    ("headcount", "turnover", "expected"),
    [
        (100, 5 * M, MEDIUM),  # the programme's gap: medium by headcount
        (8, 30 * M, MEDIUM),  # medium by turnover
        (9, 2 * M, MICRO),
        (9, 2 * M + CENT, SMALL),
        (49, 10 * M, SMALL),
        (250, Decimal(0), LARGE),
        (0, 50 * M + CENT, LARGE),
    ],
)
def test_the_larger_of_the_two_classes_wins(headcount, turnover, expected):
    assert size_class(headcount, turnover) == expected


def test_neither_figure_known_gives_no_class():
    assert size_class(None, None) == ""


@pytest.mark.parametrize(("headcount", "expected"), [(4, MICRO), (5, SMALL), (9, SMALL), (49, SMALL), (50, MEDIUM)])
def test_micro_limit_moves_only_the_micro_ceiling(headcount, expected):
    assert size_class(headcount, None, micro_limit=5) == expected


def test_turnover_given_as_an_int_or_string_is_read_as_a_decimal():
    assert size_class(None, "2000000.01") == SMALL
    assert size_class(None, 2_000_000) == MICRO


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("0112038-9", "0112038-9"),
        ("01120389", "0112038-9"),
        (" 0112038-9 ", "0112038-9"),
        ("2077474-0", "2077474-0"),
        ("FI01120389", "0112038-9"),  # the VAT number form
    ],
)
def test_valid_business_id_is_normalised_to_1234567_8(raw, normalised):
    assert normalise_business_id(raw) == normalised
    assert is_valid_business_id(raw)


@pytest.mark.parametrize("raw", ["0112038-8", "01120388"])
def test_wrong_check_digit_is_refused(raw):
    with pytest.raises(ValueError):
        normalise_business_id(raw)
    assert not is_valid_business_id(raw)


@pytest.mark.parametrize("raw", ["", "112038-9", "0112038-99", "ABCDEFG-H", "0112038/9", "FI01120389x"])
def test_wrong_format_is_refused(raw):
    with pytest.raises(ValueError):
        normalise_business_id(raw)
    assert not is_valid_business_id(raw)
