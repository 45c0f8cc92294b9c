"""NPS arithmetic at its edges (kumppani.lib.nps)."""

import math

import pytest

from kumppani.lib.nps import DETRACTOR, PASSIVE, PROMOTER, Nps, category, nps_of, response_rate


def test_no_answers_is_no_score_not_zero():
    nps = nps_of([])
    assert (nps.answers, nps.score, nps.rounded, nps.margin) == (0, None, None, None)
    assert nps.too_few


def test_all_passives_is_zero_with_no_margin():
    nps = nps_of([7, 8, 7, 8])
    assert nps.score == 0 and nps.margin == 0


def test_one_detractor_is_minus_hundred():
    nps = nps_of([3])
    assert (nps.detractors, nps.rounded, nps.margin) == (1, -100, 0)


def test_all_detractors_and_all_promoters():
    assert nps_of([0] * 20).rounded == -100
    assert nps_of([9, 10] * 10).rounded == 100
    assert not nps_of([9, 10] * 10).too_few


def test_categories_at_their_borders():
    assert [category(s) for s in (0, 6, 7, 8, 9, 10)] == [DETRACTOR, DETRACTOR, PASSIVE, PASSIVE, PROMOTER, PROMOTER]
    for bad in (-1, 11):
        with pytest.raises(ValueError):
            category(bad)


def test_margin_follows_the_formula():
    # 8 promoters, 4 passives, 2 detractors: NPS 42.9 on 14 answers.
    nps = Nps(promoters=8, passives=4, detractors=2)
    plus, minus = 8 / 14, 2 / 14
    expected = 1.96 * math.sqrt((plus * (1 - plus) + minus * (1 - minus) + 2 * plus * minus) / 14) * 100
    assert nps.margin == pytest.approx(expected)
    assert nps.rounded == 43
    # A drop from 58 to 52 on 14 answers lies well inside the margin.
    assert nps.margin > 6
    assert nps.too_few is False


def test_rounding_halves_away_from_zero_and_adding_counts():
    assert Nps(1, 0, 0) + Nps(0, 1, 1) == Nps(1, 1, 1)
    assert Nps(promoters=1, passives=7, detractors=0).rounded == 13  # 12.5
    assert Nps(promoters=0, passives=7, detractors=1).rounded == -13


def test_response_rate():
    assert response_rate(0, 0) is None
    assert response_rate(3, 12) == 25
    assert response_rate(5, 4) == 100
