"""The sweep: sends due rows batch by batch, puts stale claims back, and runs every minute from beat."""

import datetime
import io
import smtplib
import threading

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from outbox.models import OutgoingEmail
from outbox.services import outbox_sweep
from outbox.tasks import outbox_sweep_task
from outbox.tests.factories import OutgoingEmailFactory

pytestmark = pytest.mark.django_db
State = OutgoingEmail.State


def _message_ids() -> list[str]:
    return [message.message()["Message-ID"] for message in mail.outbox]


def test_due_rows_are_sent_batch_by_batch_each_once(mailoutbox):
    due = [OutgoingEmailFactory() for _ in range(5)]
    later = OutgoingEmailFactory(next_attempt_at=timezone.now() + datetime.timedelta(minutes=10))
    assert outbox_sweep(batch_size=2) == {"requeued": 0, "failed": 0, "sent": 5}
    assert sorted(_message_ids()) == sorted(email.message_id for email in due)
    assert OutgoingEmail.objects.get(pk=later.pk).state == State.QUEUED
    assert outbox_sweep(batch_size=2)["sent"] == 0  # the next beat: nothing more
    assert len(mailoutbox) == 5


def test_a_stale_claim_is_queued_again_and_sent_once(mailoutbox, settings):
    settings.OUTBOX_STALE_CLAIM_SECONDS = 600
    now = timezone.now()
    # A worker claimed this eleven minutes ago and was killed before sending.
    stale = OutgoingEmailFactory(state=State.SENDING, attempts=1, claimed_at=now - datetime.timedelta(minutes=11))
    # This claim is a minute old: a live worker is sending it.
    busy = OutgoingEmailFactory(state=State.SENDING, attempts=1, claimed_at=now - datetime.timedelta(minutes=1))
    assert outbox_sweep() == {"requeued": 1, "failed": 0, "sent": 1}
    assert _message_ids() == [stale.message_id]
    stale.refresh_from_db()
    assert (stale.state, stale.attempts) == (State.SENT, 2)
    assert "claim expired" in stale.last_error
    assert OutgoingEmail.objects.get(pk=busy.pk).state == State.SENDING
    assert outbox_sweep()["sent"] == 0
    assert len(mailoutbox) == 1


def test_a_stale_claim_on_its_last_attempt_is_failed_not_queued(settings, mailoutbox):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    email = OutgoingEmailFactory(
        state=State.SENDING, attempts=3, claimed_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert outbox_sweep() == {"requeued": 0, "failed": 1, "sent": 0}
    assert OutgoingEmail.objects.get(pk=email.pk).state == State.FAILED
    assert mailoutbox == []


def test_a_row_that_fails_again_is_tried_once_per_sweep(refusing_smtp, settings):
    settings.OUTBOX_RETRY_BASE_SECONDS = 0  # due again at once: the sweep must still end
    emails = [OutgoingEmailFactory() for _ in range(3)]
    assert outbox_sweep(batch_size=2)["sent"] == 0
    assert [OutgoingEmail.objects.get(pk=e.pk).attempts for e in emails] == [1, 1, 1]


def test_failed_and_sent_rows_are_never_touched(mailoutbox):
    failed = OutgoingEmailFactory(state=State.FAILED, last_error="Rendering failed: gone")
    sent = OutgoingEmailFactory(state=State.SENT, sent_at=timezone.now())
    assert outbox_sweep()["sent"] == 0
    assert OutgoingEmail.objects.get(pk=failed.pk).state == State.FAILED
    assert OutgoingEmail.objects.get(pk=sent.pk).state == State.SENT
    assert mailoutbox == []


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_send_each_mail_once():
    emails = [OutgoingEmailFactory() for _ in range(20)]
    start = threading.Barrier(2)
    results, errors = [], []

    def sweep() -> None:
        try:
            start.wait(timeout=10)
            results.append(outbox_sweep(batch_size=3)["sent"])
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sum(results) == 20
    ids = _message_ids()
    assert len(ids) == 20 and set(ids) == {email.message_id for email in emails}
    assert set(OutgoingEmail.objects.values_list("state", "attempts")) == {(State.SENT, 1)}


def test_the_sweep_task_calls_the_service(mailoutbox):
    OutgoingEmailFactory()
    assert outbox_sweep_task() == {"requeued": 0, "failed": 0, "sent": 1}
    assert len(mailoutbox) == 1


def test_beat_runs_the_sweep_every_minute():
    call_command("setup_periodic_tasks", stdout=io.StringIO())
    entry = PeriodicTask.objects.get(task="outbox.tasks.outbox_sweep_task")
    assert entry.enabled
    assert (entry.crontab.minute, entry.crontab.hour, entry.crontab.day_of_week) == ("*", "*", "*")


@pytest.fixture
def counting_smtp(settings):
    from outbox.tests.backends import CountingBackend

    settings.EMAIL_BACKEND = "outbox.tests.backends.CountingBackend"
    CountingBackend.opened = 0
    return CountingBackend


def test_a_batch_goes_out_over_one_connection(counting_smtp, mailoutbox):
    emails = [OutgoingEmailFactory() for _ in range(5)]
    assert outbox_sweep(batch_size=2)["sent"] == 5
    assert counting_smtp.opened == 3  # 2 + 2 + 1
    assert sorted(_message_ids()) == sorted(email.message_id for email in emails)


def test_a_sweep_that_cannot_connect_stops_and_leaves_the_rest_waiting(settings):
    settings.EMAIL_BACKEND = "outbox.tests.backends.UnreachableBackend"
    emails = [OutgoingEmailFactory() for _ in range(5)]
    assert outbox_sweep(batch_size=2)["sent"] == 0
    # The first batch found no server; the others were not tried (each would wait out its own timeout).
    assert [OutgoingEmail.objects.get(pk=e.pk).attempts for e in emails] == [1, 1, 0, 0, 0]
    assert set(OutgoingEmail.objects.values_list("state", flat=True)) == {State.QUEUED}


def test_a_rejected_mail_does_not_hold_up_the_rest_of_its_batch(settings, mailoutbox, monkeypatch):
    emails = [OutgoingEmailFactory() for _ in range(3)]
    real_send = EmailMessage.send

    def send(message, *args, **kwargs):
        if message.to == [emails[1].to]:
            raise smtplib.SMTPRecipientsRefused({emails[1].to: (550, b"no such user")})
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", send)
    assert outbox_sweep()["sent"] == 2
    rejected = OutgoingEmail.objects.get(pk=emails[1].pk)
    assert (rejected.state, rejected.attempts) == (State.QUEUED, 1)
    assert "SMTPRecipientsRefused" in rejected.last_error
    assert sorted(m.to[0] for m in mailoutbox) == sorted([emails[0].to, emails[2].to])
