"""Every mail is sent, and sent once, through a killed worker, an SMTP outage, a stopped broker and a beat that
runs twice: a real Celery worker on Redis against the test database, mailing an aiosmtpd server.

The worker runs with a shortened retry schedule (retries after 1 s, claims stale after 3 s); the test plays beat
by publishing the sweep itself.
"""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from email import message_from_bytes
from pathlib import Path

import pytest
import redis
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from care_plans.tests.factories import FollowUpFactory
from crm.tests.factories import OrganisationFactory
from kumppani.celery import app as celery_app
from kumppani.publish import publish
from kumppani.tests.processes import database_url
from leads.models import Lead
from outbox.models import OutgoingEmail
from outbox.services import email_queue
from outbox.tasks import outbox_sweep_task
from reminders.models import Reminder
from reminders.tasks import run_reminders_task

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parent.parent
State = OutgoingEmail.State
STALE_CLAIM_SECONDS = 3


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(predicate, timeout: float = 30, what: str = ""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what or predicate}")


class Sink:
    """An SMTP server on a fixed port that keeps what it accepts; it can be down, and can hold one message."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.messages: list[tuple[list[str], bytes]] = []
        self.hold_at: int | None = None  # the n-th DATA (1-based) waits for `release` and is then refused
        self.holding = threading.Event()
        self.release = threading.Event()
        self._data_seen = 0
        self._controller: Controller | None = None

    async def handle_DATA(self, server, session, envelope) -> str:
        self._data_seen += 1
        if self._data_seen == self.hold_at:
            self.holding.set()
            await asyncio.get_running_loop().run_in_executor(None, self.release.wait, 30)
            return "451 Not accepted: the client went away"
        self.messages.append((list(envelope.rcpt_tos), envelope.original_content))
        return "250 Message accepted for delivery"

    def start(self) -> None:
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self.release.set()
            self._controller.stop()
            self._controller = None

    def recipients(self) -> list[str]:
        return sorted(rcpt for rcpts, _content in self.messages for rcpt in rcpts)

    def message_ids(self) -> list[str]:
        return sorted(message_from_bytes(content)["Message-ID"] for _rcpts, content in self.messages)


class Worker:
    """`celery -A kumppani worker` in a subprocess, on the test broker and database, mailing the sink."""

    def __init__(self, smtp_port: int, log_path: Path, *, pool: str = "solo") -> None:
        self.log_path = log_path
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "kumppani.settings",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "EMAIL_USE_TLS": "false",
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
            "EMAIL_TIMEOUT": "2",
            "OUTBOX_RETRY_BASE_SECONDS": "1",
            "OUTBOX_RETRY_MAX_SECONDS": "1",
            "OUTBOX_MAX_ATTEMPTS": "2",
            "OUTBOX_STALE_CLAIM_SECONDS": str(STALE_CLAIM_SECONDS),
            "OUTBOX_BATCH_SIZE": "5",
            "CONN_MAX_AGE": "0",
        }
        self.env.pop("TEST_DATABASE_NAME", None)
        self.pool = pool
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        log = open(self.log_path, "a")
        pool = ["--pool=threads", "--concurrency=2"] if self.pool == "threads" else ["--pool=solo"]
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "kumppani",
                "worker",
                *pool,
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-n",
                f"mail-{os.getpid()}-{time.monotonic_ns()}@%h",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        _wait_for(lambda: "ready." in self.log(), timeout=60, what="the worker to start")

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()

    def log(self) -> str:
        return self.log_path.read_text() if self.log_path.exists() else ""


@pytest.fixture
def sink():
    sink = Sink(_free_port())
    try:
        yield sink
    finally:
        sink.stop()


@pytest.fixture
def worker(sink, tmp_path, django_db_setup):
    redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=3).ping()
    celery_app.control.purge()  # messages a broken earlier run left would run first
    worker = Worker(sink.port, tmp_path / "worker.log")
    try:
        yield worker
    finally:
        worker.stop()
        celery_app.control.purge()


def _all_sent(count: int):
    return lambda: OutgoingEmail.objects.filter(state=State.SENT).count() == count


def _sweep_until_sent(count: int, worker: Worker, timeout: float = 30) -> None:
    """Beat's every-minute sweep, every second here, until every mail is sent."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _all_sent(count)():
            return
        outbox_sweep_task.delay()
        time.sleep(1)
    rows = list(OutgoingEmail.objects.values_list("state", "last_error"))
    raise AssertionError(f"not all {count} mails sent: {rows}\n{worker.log()[-3000:]}")


def _follow_ups(owner, count: int) -> list:
    return [FollowUpFactory(owner=owner, due_date=timezone.localdate(), title=f"Soitto {n}") for n in range(count)]


def test_a_worker_killed_mid_send_loses_no_reminder_and_sends_none_twice(sink, worker, django_user_model):
    from accounts.roles import Role
    from accounts.tests.factories import user_with_role

    owners = [user_with_role(Role.ACCOUNT_MANAGER, email=f"am{n}@example.fi") for n in range(6)]
    for owner in owners:
        _follow_ups(owner, 1)
    sink.hold_at = 3  # the third mail is on the wire when the worker dies
    sink.start()
    worker.start()
    run_reminders_task.delay()
    assert sink.holding.wait(30), worker.log()[-3000:]
    worker.kill()
    sink.release.set()
    assert len(sink.messages) == 2
    assert Reminder.objects.filter(sent_at__isnull=False).count() == 6  # delivered to the outbox, in its claim
    assert OutgoingEmail.objects.filter(state=State.SENDING).count() == 3  # claimed by the dead worker

    worker.start()  # a new worker; the sweep re-queues the dead one's claims once they are stale
    _sweep_until_sent(6, worker)
    assert sink.recipients() == sorted(o.email for o in owners)  # each exactly once
    assert sink.message_ids() == sorted(e.message_id for e in OutgoingEmail.objects.all())


def test_mail_waits_out_an_smtp_outage_longer_than_its_attempts_and_then_arrives_once(sink, worker, account_manager):
    worker.start()  # the sink is not started: nothing listens on its port
    with transaction.atomic():
        emails = [
            email_queue(
                to=f"person{n}@example.fi",
                template="emails/password_reset",
                context={"user": account_manager.pk},
                language="fi",
            )
            for n in range(4)
        ]

    # Each mail is tried more often than OUTBOX_MAX_ATTEMPTS (2) while the server is down, and still waits.
    def tried_three_times() -> bool:
        if min(OutgoingEmail.objects.values_list("attempts", flat=True)) >= 3:
            return True
        outbox_sweep_task.delay()  # beat, every second here
        time.sleep(0.8)
        return False

    _wait_for(tried_three_times, what="three attempts at each mail")
    assert set(OutgoingEmail.objects.values_list("state", flat=True)) == {State.QUEUED}
    assert "ConnectionRefusedError" in OutgoingEmail.objects.first().last_error

    sink.start()
    _sweep_until_sent(4, worker)
    assert sink.recipients() == sorted(e.to for e in emails)
    assert sink.message_ids() == sorted(e.message_id for e in emails)


def test_a_lead_passed_with_the_broker_stopped_answers_at_once_and_its_mail_is_sent_later(
    sink, worker, client, teacher, account_manager, monkeypatch
):
    customer = OrganisationFactory(name="Laukaan Metalli Oy", account_manager=account_manager)
    client.force_login(teacher)
    stopped = f"redis://127.0.0.1:{_free_port()}/0"  # a broker that is not there
    real_broker = celery_app.conf.broker_url
    # Celery reads the environment before its configuration.
    monkeypatch.setenv("CELERY_BROKER_URL", stopped)
    monkeypatch.setattr(celery_app.conf, "broker_url", stopped)
    # A process that has served requests before: the form page and the broker client are loaded (cold imports
    # alone take longer than the broker may cost).
    assert client.get(reverse("leads:lead_create")).status_code == 200
    assert publish(outbox_sweep_task) is False
    started = time.monotonic()
    response = client.post(
        reverse("leads:lead_create"),
        {
            "need": "staff_training",
            "description": "Uusi linja.",
            "urgency": "normal",
            "organisation": customer.pk,
            "organisation_text": customer.name,
        },
    )
    elapsed = time.monotonic() - started
    assert response.status_code == 302, response.content[:500]
    assert elapsed < 1, f"passing a lead took {elapsed:.2f} s with the broker stopped"
    assert Lead.objects.count() == 1
    email = OutgoingEmail.objects.get()
    assert (email.to, email.state) == (account_manager.email, State.QUEUED)

    monkeypatch.setenv("CELERY_BROKER_URL", real_broker)  # the broker is back; so is beat's sweep
    monkeypatch.setattr(celery_app.conf, "broker_url", real_broker)
    sink.start()
    worker.start()
    _sweep_until_sent(1, worker)
    assert sink.recipients() == [account_manager.email]
    assert "Laukaan Metalli Oy" in sink.messages[0][1].decode()


def test_beat_running_the_reminders_twice_at_once_sends_each_once(sink, tmp_path, django_db_setup, account_manager):
    celery_app.control.purge()
    worker = Worker(sink.port, tmp_path / "worker.log", pool="threads")
    try:
        _follow_ups(account_manager, 4)
        sink.start()
        worker.start()
        first, second = run_reminders_task.delay(), run_reminders_task.delay()
        outcomes = [first.get(timeout=60), second.get(timeout=60)]
        assert sum(o["delivered"] for o in outcomes) == 4, worker.log()[-3000:]
        outbox_sweep_task.delay()
        outbox_sweep_task.delay()
        _sweep_until_sent(4, worker)
        time.sleep(1)  # anything sent twice would have arrived by now
        assert len(sink.messages) == 4
        assert len(set(sink.message_ids())) == 4
        assert Reminder.objects.count() == 4
    finally:
        worker.stop()
        celery_app.control.purge()
