"""A real Celery worker on Redis runs the reminder task against the test database and sends the e-mail."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection
from django.utils import timezone

from care_plans.models import Reminder
from care_plans.tasks import run_reminders_task
from care_plans.tests.factories import FollowUpFactory
from kumppani.celery import app as celery_app

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True),
]
ROOT = Path(__file__).resolve().parent.parent


def _database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _wait_for(predicate, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    return None


def test_a_worker_on_redis_sends_each_reminder_once(account_manager, tmp_path):
    # Unreachable Redis is a failure here, never a skip.
    redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=3).ping()
    follow_up = FollowUpFactory(owner=account_manager, due_date=timezone.localdate(), title="Soitto Konepajalle")
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kumppani.settings",
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "CONN_MAX_AGE": "0",
    }
    env.pop("TEST_DATABASE_NAME", None)
    log = open(tmp_path / "worker.log", "w")
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "kumppani",
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-n",
            f"care-test-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        # Messages a broken earlier run left in the test broker would run first and take this test's rows.
        celery_app.control.purge()
        result = run_reminders_task.delay()
        outcome = result.get(timeout=60)
        assert outcome["delivered"] == 1, (outcome, (tmp_path / "worker.log").read_text()[-3000:])
        reminder = Reminder.objects.get()
        assert (reminder.item_id, reminder.stage, reminder.recipient) == (follow_up.pk, "due_today", account_manager)
        files = _wait_for(
            lambda: list(mail_dir.iterdir()) if Reminder.objects.filter(emailed_at__isnull=False).exists() else None
        )
        assert files, (tmp_path / "worker.log").read_text()[-3000:]
        message = "".join(path.read_text() for path in files)
        assert f"To: {account_manager.email}" in message
        assert "Soitto Konepajalle" in message

        # The same task again (a second beat, a redelivery) sends nothing more.
        assert run_reminders_task.delay().get(timeout=60)["delivered"] == 0
        time.sleep(1)
        assert Reminder.objects.count() == 1
        assert "".join(path.read_text() for path in mail_dir.iterdir()).count("Soitto Konepajalle") == message.count(
            "Soitto Konepajalle"
        )
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        log.close()
