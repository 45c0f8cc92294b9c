"""The demo's progress on Gradia's roadmap (`manage.py load_roadmap --demo`, run by `make demo`).

Believable, and the same every time: goals of 2020 mostly done, 2021 under way with some at risk, the whole
period's in progress; a dated progress note by management for each change; indicators with baselines, yearly
targets and hand-entered measurements (NPS 58 in 2018 as in the programme), and live ones with targets.
Running it again adds nothing.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accounts.roles import Role
from roadmap.loader import load_gradia_roadmap
from roadmap.models import Goal, Indicator, IndicatorTarget, Measurement, ProgressUpdate

NOTES = {
    Goal.State.DONE: "Valmis; käsitelty johtoryhmässä.",
    Goal.State.IN_PROGRESS: "Työ on käynnissä tulosalueilla, seuraava katsaus talousarviokäsittelyssä.",
    Goal.State.AT_RISK: "Resurssit eivät riitä aikatauluun; tarvitaan johtoryhmän päätös.",
}


def _state(goal: Goal, index: int) -> str:
    if goal.year == 2020:
        return Goal.State.DONE if index % 5 else Goal.State.IN_PROGRESS
    if goal.year == 2021:
        return Goal.State.AT_RISK if index in (3, 9) else (Goal.State.IN_PROGRESS if index % 3 else Goal.State.DONE)
    return Goal.State.IN_PROGRESS if index % 4 else Goal.State.NOT_STARTED


def _indicator(name: str, **fields) -> tuple[Indicator, bool]:
    return Indicator.objects.get_or_create(name_fi=name, defaults=fields)


@transaction.atomic
def demo_progress() -> str:
    load_gradia_roadmap()
    users = get_user_model().objects.filter(is_active=True)
    author = users.filter(groups__name=Role.MANAGEMENT.value).first() or users.filter(is_superuser=True).first()
    if author is None:
        return "no users; run seed_demo first"
    changed = 0
    if not ProgressUpdate.objects.exists():
        for index, goal in enumerate(Goal.objects.order_by("theme__order", "year", "order")):
            state = _state(goal, index)
            if state == Goal.State.NOT_STARTED:
                continue
            year = goal.year or 2022
            update = ProgressUpdate.objects.create(
                goal=goal,
                author=author,
                state=state,
                note=NOTES[state],
                written_at=timezone.make_aware(datetime.datetime(year, 11, 1 + index % 25, 10)),
            )
            goal.state, goal.updated_at, goal.owner = state, update.written_at, goal.owner or author
            goal._history_user = author
            goal.save()
            changed += 1
    nps, made = _indicator(
        "NPS (asiakkaiden suositteluhalukkuus)",
        unit="",
        baseline=Decimal(58),
        baseline_year=2018,
        live_code="nps",
        order=1,
    )
    if made:
        for year, target in ((2020, 60), (2021, 62), (2022, 64), (2023, 65), (2026, 66)):
            IndicatorTarget.objects.create(indicator=nps, year=year, value=Decimal(target))
        for year, value in ((2020, "59"), (2021, "61"), (2022, "63"), (2023, "62")):
            Measurement.objects.create(
                indicator=nps,
                measured_on=datetime.date(year, 12, 31),
                value=Decimal(value),
                entered_by=author,
                comment="Vuoden asiakaskysely",
            )
    live = (
        ("Hoitosuunnitelmien kattavuus avain- ja strategisilla asiakkailla", "plan_coverage", "%", 80),
        ("Jälkihoidon yhteydenotot ajallaan", "aftercare_on_time", "%", 90),
        ("Hoitorytmin mukaiset yhteydenotot", "within_rhythm", "%", 85),
        ("Työpaikkakäynnit vuodessa", "visits", "käyntiä", 300),
    )
    for order, (name, code, unit, target) in enumerate(live, start=2):
        indicator, made = _indicator(name, unit=unit, live_code=code, order=order)
        if made:
            IndicatorTarget.objects.create(indicator=indicator, year=timezone.localdate().year, value=Decimal(target))
    culture, made = _indicator(
        "Asiakaslähtöisen toimintakulttuurin arvio", kind=Indicator.Kind.QUALITATIVE, scale_max=5, unit="", order=10
    )
    if made:
        for year, assessment in ((2020, 2), (2021, 3), (2022, 3), (2023, 4)):
            Measurement.objects.create(
                indicator=culture,
                measured_on=datetime.date(year, 12, 15),
                assessment=assessment,
                entered_by=author,
                comment="Johtoryhmän arvio itsearvioinnin pohjalta",
            )
        culture.goals.set(Goal.objects.filter(theme__order=2))
    nps.goals.set(Goal.objects.filter(theme__order=3))
    return f"{changed} goals given a state and a note; {Indicator.objects.count()} indicators"
