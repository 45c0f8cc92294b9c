"""Roadmap progress: goals by theme and column, and counts by state (goals at risk first)."""

from roadmap.models import Goal, Roadmap

# The order states are shown in: what needs attention first.
STATE_ORDER = [Goal.State.AT_RISK, Goal.State.NOT_STARTED, Goal.State.IN_PROGRESS, Goal.State.DONE]


def columns(roadmap: Roadmap) -> list[tuple[int | None, str]]:
    """The roadmap's columns: each year that has goals, then the whole period."""
    years = sorted(
        {y for y in Goal.objects.filter(theme__roadmap=roadmap).values_list("year", flat=True) if y is not None}
    )
    return [*((y, str(y)) for y in years), (None, roadmap.period_label)]


def board(roadmap: Roadmap) -> dict:
    """Themes as rows, columns as cells, each cell its goals in order (two queries)."""
    cols = columns(roadmap)
    goals = Goal.objects.filter(theme__roadmap=roadmap).select_related("theme").order_by("theme__order", "order")
    themes: dict[int, dict] = {}
    for theme in roadmap.themes.all():
        themes[theme.pk] = {"theme": theme, "cells": {year: [] for year, _label in cols}}
    for goal in goals:
        themes[goal.theme_id]["cells"].setdefault(goal.year, []).append(goal)
    rows = [{"theme": t["theme"], "cells": [t["cells"][year] for year, _l in cols]} for t in themes.values()]
    return {"columns": cols, "rows": rows}
