"""Company size class from headcount and turnover (Gradia's customer programme 2020-2023; EU / Statistics Finland).

The programme's four rules are ceilings on two criteria at once:
    micro   < micro_limit persons (default 10)  and turnover <= 2 M EUR
    small   < 50 persons                          and turnover <= 10 M EUR
    medium  < 250 persons (50-249)                and turnover <= 50 M EUR
    large   >= 250 persons                        and turnover >= 50 M EUR
Some companies fit none literally (100 persons and 5 M EUR is not medium, which needs > 10 M EUR).

Kumppani's documented rule: each criterion gives a class on its own, and the company takes the
*larger* of the two, i.e. the smallest class whose ceilings it meets on both criteria. 100 persons
and 5 M EUR is therefore medium (by headcount); 8 persons and 30 M EUR is medium (by turnover).
With only one figure known, that figure decides; with neither, the class is unknown.
"""

from decimal import Decimal

MICRO, SMALL, MEDIUM, LARGE = "micro", "small", "medium", "large"
ORDER = [MICRO, SMALL, MEDIUM, LARGE]
MILLION = Decimal(1_000_000)


def class_by_headcount(headcount: int, micro_limit: int = 10) -> str:
    if headcount < micro_limit:
        return MICRO
    if headcount < 50:
        return SMALL
    if headcount < 250:
        return MEDIUM
    return LARGE


def class_by_turnover(turnover: Decimal) -> str:
    if turnover <= 2 * MILLION:
        return MICRO
    if turnover <= 10 * MILLION:
        return SMALL
    if turnover <= 50 * MILLION:
        return MEDIUM
    return LARGE


def size_class(headcount: int | None, turnover: Decimal | None, micro_limit: int = 10) -> str:
    """Return micro/small/medium/large, or "" when neither figure is known."""
    classes = []
    if headcount is not None:
        classes.append(class_by_headcount(headcount, micro_limit))
    if turnover is not None:
        classes.append(class_by_turnover(Decimal(turnover)))
    if not classes:
        return ""
    return max(classes, key=ORDER.index)
