"""Gradia's roadmap 2020-2023 loads from the programme's table: 5 themes, 32 goals, 13 / 12 / 7, texts as written."""

from pathlib import Path

import pytest
from django.core.management import call_command

from roadmap.loader import load_gradia_roadmap
from roadmap.models import Goal, Roadmap, Theme

pytestmark = pytest.mark.django_db

SEED = next(Path("/work/shared/seeds").glob("000_*.txt"), None) if Path("/work/shared/seeds").exists() else None
SHIPPED = Path(__file__).resolve().parents[1] / "data" / "gradia_roadmap_2020_2023.tsv"


def _table_lines() -> list[str]:
    return SHIPPED.read_text(encoding="utf-8").split("\n")[:15]


def test_the_roadmap_loads_five_themes_and_thirty_two_goals_in_their_columns():
    load_gradia_roadmap()

    roadmap = Roadmap.objects.get()
    assert (roadmap.start_year, roadmap.end_year) == (2020, 2023)
    vision = "Yhteistyö kanssamme tuottaa asiakkaillemme lisäarvoa ja positiivisen asiakaskokemuksen."
    assert roadmap.vision_fi == vision
    assert Theme.objects.count() == 5
    assert Goal.objects.count() == 32
    assert Goal.objects.filter(year=2020).count() == 13
    assert Goal.objects.filter(year=2021).count() == 12
    assert Goal.objects.filter(year=None).count() == 7
    assert list(Theme.objects.values_list("name_fi", flat=True)) == [
        "Asiakkuudenhoitomallit",
        "Asiakaslähtöinen toimintakulttuuri",
        "Asiakaskokemus",
        "Asiakkuuksien kehittäminen",
        "Asiakkuudenhallinta ja osaamisen kehittäminen",
    ]
    # Finnish only: the other languages fall back to it
    assert not Goal.objects.exclude(text_en="", text_sv="").exists()
    assert not Goal.objects.exclude(result_area=None).exists()


def test_goal_texts_equal_the_table_cells_exactly():
    load_gradia_roadmap()
    cells = []
    for line in _table_lines()[1:]:
        cells += [cell.strip() for cell in line.split("\t")[1:] if cell.strip()]
    assert sorted(Goal.objects.values_list("text_fi", flat=True)) == sorted(cells)
    first = Goal.objects.get(theme__order=1, year=2020, order=1)
    assert first.text_fi == "Gradian asiakkaat on ryhmitelty valittuihin asiakassegmentteihin"
    last = Goal.objects.get(theme__order=5, year=2020, order=4)
    assert last.text_fi == "CRM käyttöönotokoulutukset on käynnistetty"


@pytest.mark.skipif(SEED is None, reason="the source documents are not on this machine")
def test_the_shipped_table_is_the_programmes_table_as_it_stands():
    source = SEED.read_text(encoding="utf-8").split("\n")
    assert _table_lines() == source[405:420]
    assert source[405].endswith("2020–2023")  # the whole period's heading has an en dash


def test_loading_twice_adds_nothing_and_keeps_revisions(capsys):
    call_command("load_roadmap")
    goal = Goal.objects.get(theme__order=2, year=2021, order=1)
    goal.text_fi = "Muotoiltu uudelleen"
    goal.state = Goal.State.DONE
    goal.save()

    call_command("load_roadmap")

    assert (Roadmap.objects.count(), Theme.objects.count(), Goal.objects.count()) == (1, 5, 32)
    goal.refresh_from_db()
    assert (goal.text_fi, goal.state) == ("Muotoiltu uudelleen", Goal.State.DONE)
    assert "goals: 0 new" in capsys.readouterr().out


def test_the_demo_adds_states_notes_and_indicators_once(management):
    call_command("load_roadmap", "--demo")
    call_command("load_roadmap", "--demo")

    from roadmap.models import Indicator, Measurement, ProgressUpdate

    assert Goal.objects.filter(state=Goal.State.AT_RISK).exists()
    assert ProgressUpdate.objects.filter(author=management).count() == Goal.objects.exclude(state="not_started").count()
    assert Indicator.objects.get(live_code="nps").baseline == 58
    assert Measurement.objects.filter(indicator__kind=Indicator.Kind.QUALITATIVE).count() == 4
