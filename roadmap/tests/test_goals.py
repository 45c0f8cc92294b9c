"""A goal's page, its progress notes and its earlier versions."""

import pytest
from django.urls import reverse

from roadmap.models import Goal, ProgressUpdate
from roadmap.tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


def test_management_sets_a_goals_state_with_a_progress_note(client, management):
    goal = GoalFactory()
    client.force_login(management)

    response = client.post(
        reverse("roadmap:goal_progress", args=[goal.pk]), {"state": "at_risk", "note": "Resurssit puuttuvat."}
    )

    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.state == Goal.State.AT_RISK
    update = ProgressUpdate.objects.get(goal=goal)
    assert (update.author, update.state, update.note) == (management, "at_risk", "Resurssit puuttuvat.")
    page = client.get(goal.get_absolute_url()).content.decode()
    assert "Resurssit puuttuvat." in page and "Johanna Johto" in page


def test_a_progress_note_is_required(client, management):
    goal = GoalFactory()
    client.force_login(management)
    response = client.post(reverse("roadmap:goal_progress", args=[goal.pk]), {"state": "done", "note": ""})
    assert response.status_code == 400
    goal.refresh_from_db()
    assert goal.state == Goal.State.NOT_STARTED


def test_account_managers_read_goals_but_do_not_change_them(client, account_manager):
    goal = GoalFactory()
    client.force_login(account_manager)
    page = client.get(goal.get_absolute_url())
    assert page.status_code == 200
    assert reverse("roadmap:goal_progress", args=[goal.pk]) not in page.content.decode()
    response = client.post(reverse("roadmap:goal_progress", args=[goal.pk]), {"state": "done", "note": "x"})
    assert response.status_code == 403


def test_teachers_see_nothing_of_the_roadmap(client, teacher):
    goal = GoalFactory()
    client.force_login(teacher)
    assert client.get(goal.get_absolute_url()).status_code == 403
    assert client.get(reverse("roadmap:dashboard")).status_code == 403


def test_a_revised_goal_keeps_its_earlier_wording_and_state_with_who_and_when(client, management, admin):
    goal = GoalFactory(text_fi="Alkuperäinen muotoilu")
    goal.text_fi = "Tarkennettu muotoilu"
    goal._history_user = admin
    goal.save()
    client.force_login(management)
    client.post(reverse("roadmap:goal_progress", args=[goal.pk]), {"state": "in_progress", "note": "Aloitettu."})

    assert list(goal.history.order_by("history_date").values_list("text_fi", "state")) == [
        ("Alkuperäinen muotoilu", "not_started"),
        ("Tarkennettu muotoilu", "not_started"),
        ("Tarkennettu muotoilu", "in_progress"),
    ]
    page = client.get(reverse("roadmap:goal_history", args=[goal.pk])).content.decode()
    assert "<del>Alkuperäinen muotoilu</del>" in page and "<ins>Tarkennettu muotoilu</ins>" in page
    assert "Paula Pääkäyttäjä" in page and "Johanna Johto" in page
    assert "<del>Ei aloitettu</del>" in page


def test_english_readers_see_the_finnish_goal_marked_as_finnish(client, management, settings):
    goal = GoalFactory(text_fi="Asiakkaat on ryhmitelty")
    client.force_login(management)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(goal.get_absolute_url()).content.decode()
    assert '<span lang="fi">Asiakkaat on ryhmitelty</span>' in page


def test_the_roadmap_board_lists_every_goal_in_its_column(client, account_manager, django_assert_max_num_queries):
    from roadmap.loader import load_gradia_roadmap

    load_gradia_roadmap()
    roadmap = Goal.objects.first().theme.roadmap
    client.force_login(account_manager)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("roadmap:roadmap_detail", args=[roadmap.pk])).content.decode()
    assert page.count('href="/roadmap/goals/') == 32
