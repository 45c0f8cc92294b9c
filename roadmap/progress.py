"""Roadmap progress: goals by theme and column, and counts by state (goals at risk first)."""

from django.db.models import Count

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


def state_counts(roadmap: Roadmap, result_area=None) -> dict:
    """Goals counted by theme, column and state in one query, states in STATE_ORDER (at risk first).

    {"states": [(code, label)], "columns": [...], "rows": [{"theme", "cells": [[(count, state), …] per column]}],
    "totals": [count per state]}"""
    goals = Goal.objects.filter(theme__roadmap=roadmap)
    if result_area is not None:
        goals = goals.filter(result_area__in=result_area.descendant_ids())
    counts: dict[tuple, int] = {}
    for theme_id, year, state, n in goals.values_list("theme_id", "year", "state").annotate(n=Count("pk")).order_by():
        counts[(theme_id, year, state)] = n
    years = sorted({year for _t, year, _s in counts if year is not None})
    cols = [*((y, str(y)) for y in years), (None, roadmap.period_label)]
    states = [(state.value, state.label) for state in STATE_ORDER]
    rows = []
    for theme in roadmap.themes.all():
        cells = [[counts.get((theme.pk, year, code), 0) for code, _label in states] for year, _l in cols]
        rows.append({"theme": theme, "cells": cells})
    totals = [sum(n for (_t, _y, s), n in counts.items() if s == code) for code, _label in states]
    state_totals = [{"code": code, "label": label, "count": n} for (code, label), n in zip(states, totals, strict=True)]
    return {"states": states, "columns": cols, "rows": rows, "totals": totals, "state_totals": state_totals}


def goals_at_risk(roadmap: Roadmap, result_area=None) -> list[Goal]:
    goals = Goal.objects.filter(theme__roadmap=roadmap, state=Goal.State.AT_RISK).select_related("theme", "owner")
    if result_area is not None:
        goals = goals.filter(result_area__in=result_area.descendant_ids())
    return list(goals.order_by("theme__order", "year", "order"))
