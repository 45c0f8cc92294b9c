"""Net Promoter Score arithmetic (Django-free).

NPS = % promoters (9-10) - % detractors (0-6) of the answers, from -100 to +100. It is always reported with
the counts behind it, and with a ± margin (95 %, the normal approximation of the difference of two shares):

    ±1.96 · √((p₊(1 - p₊) + p₋(1 - p₋) + 2·p₊·p₋) / n) · 100

so a drop from 58 to 52 on 14 answers is read as the noise it is. Fewer than TOO_FEW answers are flagged.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass

PROMOTER_MIN = 9
DETRACTOR_MAX = 6
TOO_FEW = 10  # fewer answers than this: "too few answers to compare"
Z_95 = 1.96

PROMOTER, PASSIVE, DETRACTOR = "promoter", "passive", "detractor"


def category(score: int) -> str:
    """A 0-10 score's category: promoter (9-10), passive (7-8) or detractor (0-6)."""
    if not 0 <= score <= 10:
        raise ValueError(f"an NPS score is 0–10, not {score}")
    if score >= PROMOTER_MIN:
        return PROMOTER
    if score <= DETRACTOR_MAX:
        return DETRACTOR
    return PASSIVE


@dataclass(frozen=True)
class Nps:
    """The counts behind a score, and what they give."""

    promoters: int = 0
    passives: int = 0
    detractors: int = 0

    @property
    def answers(self) -> int:
        return self.promoters + self.passives + self.detractors

    @property
    def score(self) -> float | None:
        """NPS, unrounded; None without answers (no answers is not an NPS of 0)."""
        if not self.answers:
            return None
        return (self.promoters - self.detractors) * 100 / self.answers

    @property
    def rounded(self) -> int | None:
        """NPS to a whole number, halves away from zero (the way people round by hand)."""
        score = self.score
        if score is None:
            return None
        return int(math.copysign(math.floor(abs(score) + 0.5), score))

    @property
    def margin(self) -> float | None:
        """The ± of a 95 % interval, in NPS points; None without answers."""
        n = self.answers
        if not n:
            return None
        plus, minus = self.promoters / n, self.detractors / n
        variance = plus * (1 - plus) + minus * (1 - minus) + 2 * plus * minus
        return Z_95 * math.sqrt(max(variance, 0.0) / n) * 100

    @property
    def too_few(self) -> bool:
        return self.answers < TOO_FEW

    def __add__(self, other: "Nps") -> "Nps":
        return Nps(self.promoters + other.promoters, self.passives + other.passives, self.detractors + other.detractors)


def nps_of(scores: Iterable[int]) -> Nps:
    counts = {PROMOTER: 0, PASSIVE: 0, DETRACTOR: 0}
    for score in scores:
        counts[category(score)] += 1
    return Nps(counts[PROMOTER], counts[PASSIVE], counts[DETRACTOR])


def response_rate(answers: int, invited: int) -> float | None:
    """Share of invitations answered, in per cent; None when nobody was invited."""
    if invited <= 0:
        return None
    return min(answers, invited) * 100 / invited
