"""Write every app's beat schedule into django-celery-beat's tables: the one place schedules are wired.

Each app that has periodic work keeps a `schedule.py` with `periodic_tasks()` returning
(name, task path, crontab kwargs) tuples, each entry commented with why it runs when it does.
This command finds them through the app registry, so crm never imports the apps above it.

It runs on every deploy (`make migrate`), so it must not undo what admins did in the beat admin. For each
entry it keeps the values it applied (`kumppani.BeatScheduleDefault`) and changes the entry only while the
entry's current values still equal them: an entry an admin paused, re-timed or edited is left alone, and one
nobody touched follows the code's new default. Entries an app no longer declares are disabled under the same
rule; entries it never wrote (an admin's own) are not touched.
"""

import importlib
import json
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from kumppani.models import BeatScheduleDefault

TIMEZONE = "Europe/Helsinki"
CRONTAB_FIELDS = ("minute", "hour", "day_of_week", "day_of_month", "month_of_year")
CRONTAB_DEFAULTS = {"minute": "0", "hour": "*", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*"}


def collect_schedules() -> list[tuple[str, str, dict]]:
    entries = []
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.schedule")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.schedule":
                raise
            continue
        entries.extend(module.periodic_tasks())
    return entries


def default_values(task: str, crontab: dict, *, enabled: bool = True) -> dict[str, Any]:
    """What this command writes for a declared entry, in the form `current_values` reads an entry."""
    unknown = set(crontab) - set(CRONTAB_FIELDS)
    if unknown:
        raise ValueError(f"{task}: unknown crontab fields {sorted(unknown)}")
    schedule = {name: str(crontab.get(name, CRONTAB_DEFAULTS[name])) for name in CRONTAB_FIELDS}
    return {"task": task, "schedule": {**schedule, "timezone": TIMEZONE}, "enabled": enabled, "args": []}


def current_values(entry: PeriodicTask) -> dict[str, Any]:
    if entry.crontab_id is not None and entry.interval_id is None and entry.solar_id is None:
        crontab = entry.crontab
        schedule = {name: getattr(crontab, name) for name in CRONTAB_FIELDS}
        schedule["timezone"] = str(crontab.timezone)
    else:
        schedule = {"not a crontab": entry.pk}  # an admin moved it to an interval or solar schedule
    try:
        args = json.loads(entry.args or "[]")
    except ValueError:
        args = entry.args
    return {"task": entry.task, "schedule": schedule, "enabled": entry.enabled, "args": args}


def apply(entry: PeriodicTask, values: dict[str, Any]) -> None:
    schedule = values["schedule"]
    entry.crontab, _ = CrontabSchedule.objects.get_or_create(
        **{name: schedule[name] for name in CRONTAB_FIELDS}, timezone=schedule["timezone"]
    )
    entry.interval = entry.solar = entry.clocked = None
    entry.task = values["task"]
    entry.enabled = values["enabled"]
    entry.args = json.dumps(values["args"])
    entry.save()


def ours(task: str) -> bool:
    """A task of one of Kumppani's own apps (an admin's entry for celery.backend_cleanup is not)."""
    return any(task.startswith(f"{config.name}.") for config in apps.get_app_configs() if config.name != "kumppani")


class Command(BaseCommand):
    help = "Create or update the Celery beat schedule from every app's schedule.py, keeping admins' changes."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        declared = {name: default_values(task, crontab) for name, task, crontab in collect_schedules()}
        entries = {entry.name: entry for entry in PeriodicTask.objects.select_related("crontab")}
        applied = {row.name: row for row in BeatScheduleDefault.objects.select_for_update()}
        kept: list[str] = []

        for name, wanted in declared.items():
            entry, record = entries.get(name), applied.get(name)
            if entry is None:
                if record is not None:
                    kept.append(name)  # an admin deleted the entry we made: not made again
                    continue
                entry = PeriodicTask(name=name)
            elif current_values(entry) != (record.values if record else wanted):
                kept.append(name)
                continue
            if entry.pk is None or current_values(entry) != wanted:
                apply(entry, wanted)
            self._record(name, wanted)

        for name, entry in entries.items():
            if name in declared or name.startswith("celery."):
                continue
            record = applied.get(name)
            if record is None and not ours(entry.task):
                continue  # an admin's own entry
            retired = {**(record.values if record else current_values(entry)), "enabled": False}
            if record is not None and current_values(entry) != record.values:
                kept.append(name)
                continue
            if entry.enabled:
                entry.enabled = False
                entry.save(update_fields=["enabled"])
            self._record(name, retired)

        self.stdout.write(f"{len(declared)} periodic tasks scheduled.")
        for name in kept:
            self.stdout.write(f"  kept as changed in the admin: {name}")

    def _record(self, name: str, values: dict[str, Any]) -> None:
        BeatScheduleDefault.objects.update_or_create(
            name=name, defaults={"values": values, "applied_at": timezone.now()}
        )
