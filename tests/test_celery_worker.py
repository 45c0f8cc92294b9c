"""A real Celery worker on Redis runs the reminder task against the test database, and sends outbox mail."""

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from care_plans.tests.factories import FollowUpFactory
from kumppani.celery import app as celery_app
from kumppani.tests.processes import database_url
from outbox.models import OutgoingEmail
from outbox.services import email_queue
from reminders.models import Reminder
from reminders.tasks import run_reminders_task

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True),
]
ROOT = Path(__file__).resolve().parent.parent


def _wait_for(predicate, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    return None


@dataclass
class Worker:
    mail_dir: Path
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text()[-3000:]

    def mail(self) -> str:
        return "".join(path.read_text() for path in sorted(self.mail_dir.iterdir()))


@pytest.fixture(scope="module")
def worker(django_db_setup, tmp_path_factory):
    """One worker for this module's tests, on the test broker and the test database, mail to files."""
    # Unreachable Redis is a failure here, never a skip.
    redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=3).ping()
    base = tmp_path_factory.mktemp("worker")
    mail_dir = base / "mail"
    mail_dir.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kumppani.settings",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "CONN_MAX_AGE": "0",
    }
    env.pop("TEST_DATABASE_NAME", None)
    log = open(base / "worker.log", "w")
    process = subprocess.Popen(
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
        yield Worker(mail_dir, base / "worker.log")
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def test_a_worker_on_redis_sends_each_reminder_once(worker, account_manager):
    follow_up = FollowUpFactory(owner=account_manager, due_date=timezone.localdate(), title="Soitto Konepajalle")
    # Messages a broken earlier run left in the test broker would run first and take this test's rows.
    celery_app.control.purge()
    result = run_reminders_task.delay()
    outcome = result.get(timeout=60)
    assert outcome["delivered"] == 1, (outcome, worker.log())
    reminder = Reminder.objects.get()
    assert (reminder.item_id, reminder.stage, reminder.recipient) == (follow_up.pk, "due_today", account_manager)
    # The reminder run queued an outbox row; the worker sends it by its own task.
    sent = _wait_for(lambda: OutgoingEmail.objects.filter(state=OutgoingEmail.State.SENT).first())
    assert sent is not None, worker.log()
    assert Reminder.objects.filter(emailed_at__isnull=False).exists()
    message = worker.mail()
    assert f"To: {account_manager.email}" in message
    assert "Soitto Konepajalle" in message
    assert f"Message-ID: {sent.message_id}" in message

    # The same task again (a second beat, a redelivery) sends nothing more.
    assert run_reminders_task.delay().get(timeout=60)["delivered"] == 0
    time.sleep(1)
    assert Reminder.objects.count() == 1
    assert OutgoingEmail.objects.count() == 1
    assert worker.mail().count("Soitto Konepajalle") == message.count("Soitto Konepajalle")


def test_a_worker_on_redis_sends_an_outbox_mail_published_after_the_commit(worker, account_manager):
    celery_app.control.purge()
    with transaction.atomic():
        email = email_queue(
            to=account_manager.email,
            template="emails/password_reset",
            context={"user": account_manager.pk},
            language="en",
        )
    sent = _wait_for(lambda: OutgoingEmail.objects.filter(pk=email.pk, state=OutgoingEmail.State.SENT).first())
    assert sent is not None, worker.log()
    assert sent.attempts == 1 and sent.subject == "Kumppani: reset your password"
    message = worker.mail()
    assert message.count(f"Message-ID: {email.message_id}") == 1
    assert "/accounts/password/reset/" in message
