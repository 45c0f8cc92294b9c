"""`setup_periodic_tasks` runs on every deploy: it applies the code's beat schedule but keeps what admins changed."""

import io
import os
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

from kumppani.management.commands import setup_periodic_tasks as command
from kumppani.models import BeatScheduleDefault
from kumppani.tests.processes import database_url

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
SWEEP = "outbox: send due and stuck mail"
RUN = "reminders: run"
DIGEST = "reminders: daily digest"


def _setup() -> str:
    out = io.StringIO()
    call_command("setup_periodic_tasks", stdout=out)
    return out.getvalue()


def _crontab(entry: PeriodicTask) -> tuple[str, str]:
    entry.refresh_from_db()
    return entry.crontab.minute, entry.crontab.hour


def _paused_and_retimed() -> tuple[PeriodicTask, PeriodicTask]:
    """As an admin does it in the beat admin: the sweep paused, the reminder run moved to 7.15."""
    _setup()
    sweep = PeriodicTask.objects.get(name=SWEEP)
    sweep.enabled = False
    sweep.save()
    run = PeriodicTask.objects.get(name=RUN)
    run.crontab = CrontabSchedule.objects.create(minute="15", hour="7", timezone="Europe/Helsinki")
    run.save()
    return sweep, run


def test_the_first_run_schedules_every_declared_entry_and_records_what_it_applied():
    assert "periodic tasks scheduled" in _setup()
    declared = {name for name, _task, _crontab in command.collect_schedules()}
    assert set(PeriodicTask.objects.filter(enabled=True).values_list("name", flat=True)) >= declared
    assert set(BeatScheduleDefault.objects.values_list("name", flat=True)) == declared
    record = BeatScheduleDefault.objects.get(name=RUN)
    assert record.values == {
        "task": "reminders.tasks.run_reminders_task",
        "schedule": {
            "minute": "5",
            "hour": "6-18",
            "day_of_week": "*",
            "day_of_month": "*",
            "month_of_year": "*",
            "timezone": "Europe/Helsinki",
        },
        "enabled": True,
        "args": [],
    }


def test_an_entry_an_admin_paused_or_retimed_stays_as_the_admin_left_it():
    sweep, run = _paused_and_retimed()
    output = _setup()
    sweep.refresh_from_db()
    assert sweep.enabled is False
    assert _crontab(run) == ("15", "7")
    assert f"kept as changed in the admin: {SWEEP}" in output
    # Entries nobody touched are as declared.
    digest = PeriodicTask.objects.get(name=DIGEST)
    assert digest.enabled and _crontab(digest) == ("30", "7")


def test_an_entry_moved_to_an_interval_schedule_is_kept():
    _setup()
    sweep = PeriodicTask.objects.get(name=SWEEP)
    sweep.crontab = None
    sweep.interval = IntervalSchedule.objects.create(every=5, period=IntervalSchedule.MINUTES)
    sweep.save()
    _setup()
    sweep.refresh_from_db()
    assert (sweep.crontab, sweep.interval.every) == (None, 5)


def test_a_new_code_default_moves_untouched_entries_only(monkeypatch):
    sweep, run = _paused_and_retimed()
    changed = [
        (name, task, {"minute": "*/2"} if name == SWEEP else {"minute": "45", "hour": "8"})
        if name in {SWEEP, RUN, DIGEST}
        else (name, task, crontab)
        for name, task, crontab in command.collect_schedules()
    ]
    monkeypatch.setattr(command, "collect_schedules", lambda: changed)
    _setup()
    digest = PeriodicTask.objects.get(name=DIGEST)
    assert digest.enabled and _crontab(digest) == ("45", "8")  # followed the code
    sweep.refresh_from_db()
    assert sweep.enabled is False and _crontab(sweep) == ("*", "*")  # paused, with its old timing
    assert _crontab(run) == ("15", "7")
    # The recorded default moved with the untouched entry only.
    assert BeatScheduleDefault.objects.get(name=DIGEST).values["schedule"]["minute"] == "45"
    assert BeatScheduleDefault.objects.get(name=SWEEP).values["schedule"]["minute"] == "*"

    # An admin who sets the entry back to the applied default hands it back to the code.
    sweep.enabled = True
    sweep.save()
    _setup()
    assert _crontab(sweep) == ("*/2", "*")


def test_undeclared_entries_are_disabled_once_and_an_admins_own_are_left_alone(monkeypatch):
    _setup()
    schedule = CrontabSchedule.objects.create(minute="0", hour="4", timezone="Europe/Helsinki")
    # A leftover of an earlier version (an old name for a task of ours), and an admin's own entry.
    legacy = PeriodicTask.objects.create(
        name="care_plans: reminders", task="reminders.tasks.run_reminders_task", crontab=schedule
    )
    own = PeriodicTask.objects.create(name="ops: cleanup", task="celery.backend_cleanup", crontab=schedule)
    _setup()
    legacy.refresh_from_db()
    own.refresh_from_db()
    assert legacy.enabled is False
    assert own.enabled is True

    # An entry the code stops declaring is disabled too; one an admin re-enables stays enabled.
    remaining = [entry for entry in command.collect_schedules() if entry[0] != DIGEST]
    monkeypatch.setattr(command, "collect_schedules", lambda: remaining)
    _setup()
    digest = PeriodicTask.objects.get(name=DIGEST)
    assert digest.enabled is False
    legacy.enabled = True
    legacy.save()
    _setup()
    legacy.refresh_from_db()
    assert legacy.enabled is True


def test_an_entry_an_admin_deleted_is_not_made_again():
    _setup()
    PeriodicTask.objects.filter(name=SWEEP).delete()
    _setup()
    assert not PeriodicTask.objects.filter(name=SWEEP).exists()


@pytest.mark.django_db(transaction=True)
def test_a_paused_task_is_still_paused_after_make_migrate():
    _setup()
    PeriodicTask.objects.filter(name=SWEEP).update(enabled=False)
    env = {**os.environ, "DATABASE_URL": database_url()}
    env.pop("TEST_DATABASE_NAME", None)
    result = subprocess.run(["make", "migrate"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "periodic tasks scheduled" in result.stdout
    assert PeriodicTask.objects.get(name=SWEEP).enabled is False
    assert PeriodicTask.objects.get(name=DIGEST).enabled is True
