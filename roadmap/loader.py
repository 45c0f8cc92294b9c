"""Gradia's roadmap 2020-2023, shipped as data and loaded idempotently (`manage.py load_roadmap`).

The source is Gradia's customer programme 2020-2023, section 11: the vision and the table "Ohjeelliset
kehittämistavoitteet" (guiding development goals) copied as they stand into roadmap/data/. Only that table is
loaded: the same goals appear earlier in the programme's section tables in other words, and loading those too
would give every goal twice. In the table a theme's name stands only on its first row; the columns are 2020,
2021 and the whole period (its heading "2020-2023", with an en dash). The texts stay exactly as written; the
English and Swedish fields stay empty and fall back to Finnish.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from roadmap.models import Goal, Roadmap, Theme

DATA = Path(__file__).resolve().parent / "data"
TABLE = DATA / "gradia_roadmap_2020_2023.tsv"
VISION = DATA / "gradia_vision.txt"
KEY = "gradia-2020-2023"
NAME = "Gradian tiekartta kohti asiakasvisiota"
QUOTES = '”“"'


@dataclass
class ParsedTheme:
    name: str
    # (year or None for the whole period, order within the column, text)
    goals: list[tuple[int | None, int, str]] = field(default_factory=list)


def parse_table(text: str) -> tuple[int, int, list[ParsedTheme]]:
    """(first year, last year, themes) of the tab-separated table; the first row is its heading."""
    heading, *rows = [line for line in text.split("\n") if line.strip()]
    columns: list[int | None] = []
    for cell in heading.split("\t")[1:]:
        cell = cell.strip()
        columns.append(None if "–" in cell else int(cell))
    whole = next(c for c in heading.split("\t")[1:] if "–" in c).strip()
    start, end = (int(part) for part in whole.split("–"))
    themes: list[ParsedTheme] = []
    filled: dict[int | None, int] = {}
    for row in rows:
        cells = row.split("\t")
        if cells[0].strip():
            themes.append(ParsedTheme(cells[0].strip()))
            filled = {}
        for column, cell in zip(columns, cells[1:], strict=False):
            if cell.strip():
                filled[column] = filled.get(column, 0) + 1
                themes[-1].goals.append((column, filled[column], cell.strip()))
    return start, end, themes


def vision_text() -> str:
    return VISION.read_text(encoding="utf-8").strip().strip(QUOTES)


@transaction.atomic
def load_gradia_roadmap() -> dict[str, int]:
    """Create what is missing of the roadmap; rows already there (perhaps revised by an admin) stay as they are."""
    start, end, themes = parse_table(TABLE.read_text(encoding="utf-8"))
    roadmap, made_roadmap = Roadmap.objects.get_or_create(
        key=KEY, defaults={"name_fi": NAME, "vision_fi": vision_text(), "start_year": start, "end_year": end}
    )
    made = {"roadmaps": int(made_roadmap), "themes": 0, "goals": 0}
    for order, parsed in enumerate(themes, start=1):
        theme, created = Theme.objects.get_or_create(roadmap=roadmap, order=order, defaults={"name_fi": parsed.name})
        made["themes"] += created
        for year, goal_order, text in parsed.goals:
            _goal, created = Goal.objects.get_or_create(
                theme=theme, year=year, order=goal_order, defaults={"text_fi": text}
            )
            made["goals"] += created
    return made
