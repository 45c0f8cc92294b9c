"""Write every app's beat schedule into django-celery-beat's tables: the one place schedules are wired.

Each app that has periodic work keeps a `schedule.py` with `periodic_tasks()` returning
(name, task path, crontab kwargs) tuples, each entry commented with why it runs when it does.
This command finds them through the app registry, so crm never imports the apps above it.
"""

import importlib
import json

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django_celery_beat.models import CrontabSchedule, PeriodicTask


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


class Command(BaseCommand):
    help = "Create or update the Celery beat schedule from every app's schedule.py."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        names = []
        for name, task, crontab in collect_schedules():
            schedule, _ = CrontabSchedule.objects.get_or_create(
                minute=crontab.get("minute", "0"),
                hour=crontab.get("hour", "*"),
                day_of_week=crontab.get("day_of_week", "*"),
                day_of_month=crontab.get("day_of_month", "*"),
                month_of_year=crontab.get("month_of_year", "*"),
                timezone="Europe/Helsinki",
            )
            PeriodicTask.objects.update_or_create(
                name=name,
                defaults={"task": task, "crontab": schedule, "interval": None, "enabled": True, "args": json.dumps([])},
            )
            names.append(name)
        # Entries an app no longer declares are disabled, not deleted: admins may have tuned them.
        stale = PeriodicTask.objects.exclude(name__in=names).exclude(name__startswith="celery.")
        stale.update(enabled=False)
        self.stdout.write(f"{len(names)} periodic tasks scheduled.")
