"""email_send: claimed once, sent through Django's backend with the row's Message-ID, retried with backoff."""

import datetime
import re
import smtplib
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone
from freezegun import freeze_time

from outbox.models import OutgoingEmail
from outbox.services import email_queue, email_send, is_outage, retry_delay
from outbox.tasks import send_email_task
from outbox.tests.factories import GREETING, OutgoingEmailFactory

pytestmark = pytest.mark.django_db
State = OutgoingEmail.State


def test_a_queued_mail_is_sent_once_when_its_transaction_commits(
    eager_celery, django_capture_on_commit_callbacks, mailoutbox, settings
):
    settings.DEFAULT_FROM_EMAIL = "Kumppani <kumppani@gradia.example>"
    with django_capture_on_commit_callbacks(execute=True):
        email = email_queue(
            to="anna@example.fi",
            template=GREETING,
            context={"name": "Anna"},
            language="en",
            headers={"List-Unsubscribe": "<https://kumppani.example/u/1>"},
        )
        assert mailoutbox == []
    [message] = mailoutbox
    assert message.to == ["anna@example.fi"]
    assert message.from_email == "Kumppani <kumppani@gradia.example>"
    assert message.subject == "en: Customer Anna"
    assert message.body.strip() == "en: Open it, Anna."
    sent = message.message()
    assert sent["Message-ID"] == f"<kumppani.outbox.{email.pk}.{email.uuid.hex}@gradia.example>"
    assert sent["List-Unsubscribe"] == "<https://kumppani.example/u/1>"
    email.refresh_from_db()
    assert (email.state, email.attempts, email.subject) == (State.SENT, 1, "en: Customer Anna")
    assert email.sent_at is not None and email.claimed_at is not None


def test_a_redelivered_task_sends_nothing_twice(mailoutbox):
    email = OutgoingEmailFactory()
    assert send_email_task(email.pk) is True
    assert send_email_task(email.pk) is False  # the broker delivers again: nothing to claim
    assert email_send(email.pk) is False
    assert len(mailoutbox) == 1
    email.refresh_from_db()
    assert (email.state, email.attempts) == (State.SENT, 1)


@pytest.mark.django_db(transaction=True)
def test_two_workers_running_the_same_task_at_once_send_it_once():
    email = OutgoingEmailFactory()
    start = threading.Barrier(4)
    results, errors = [], []

    def run() -> None:
        try:
            start.wait(timeout=10)
            results.append(email_send(email.pk))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sorted(results) == [False, False, False, True]
    assert len(mail.outbox) == 1
    assert OutgoingEmail.objects.get().attempts == 1


def test_a_row_whose_retry_is_not_due_is_not_sent(mailoutbox):
    email = OutgoingEmailFactory(next_attempt_at=timezone.now() + datetime.timedelta(minutes=5))
    assert email_send(email.pk) is False
    assert mailoutbox == []
    email.refresh_from_db()
    assert (email.state, email.attempts, email.claimed_at) == (State.QUEUED, 0, None)


@pytest.mark.parametrize("state", [State.SENDING, State.SENT, State.FAILED])
def test_only_queued_rows_are_claimed(state, mailoutbox):
    email = OutgoingEmailFactory(state=state)
    assert email_send(email.pk) is False
    assert mailoutbox == []
    assert OutgoingEmail.objects.get().state == state


def test_every_row_has_its_own_message_id_and_keeps_it_across_attempts(refusing_smtp, settings):
    first, second = OutgoingEmailFactory(), OutgoingEmailFactory()
    assert first.message_id != second.message_id
    assert re.fullmatch(rf"<kumppani\.outbox\.{first.pk}\.[0-9a-f]{{32}}@localhost>", first.message_id)
    email_send(first.pk)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutgoingEmail.objects.filter(pk=first.pk).update(next_attempt_at=timezone.now())
    assert email_send(first.pk) is True
    assert mail.outbox[0].message()["Message-ID"] == first.message_id


def test_a_backend_error_queues_the_mail_again_with_backoff_and_the_error(refusing_smtp, settings, mailoutbox):
    settings.OUTBOX_RETRY_BASE_SECONDS = 10
    settings.OUTBOX_RETRY_MAX_SECONDS = 35
    settings.OUTBOX_MAX_ATTEMPTS = 50
    start = datetime.datetime(2026, 4, 2, 8, 0, tzinfo=datetime.UTC)
    with freeze_time(start) as clock:
        email = OutgoingEmailFactory()
        waits = []
        for _attempt in range(4):
            assert email_send(email.pk) is False
            email.refresh_from_db()
            assert email.state == State.QUEUED
            assert email.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
            waits.append((email.next_attempt_at - timezone.now()).total_seconds())
            assert email_send(email.pk) is False  # not due yet: not even tried
            clock.move_to(email.next_attempt_at)
    assert waits == [10, 20, 35, 35]  # doubling, capped
    assert email.attempts == 4
    assert mailoutbox == []


def test_after_the_last_refusal_the_mail_is_failed_and_kept(settings):
    settings.EMAIL_BACKEND = "outbox.tests.backends.RejectingBackend"
    settings.OUTBOX_RETRY_BASE_SECONDS = 0
    settings.OUTBOX_MAX_ATTEMPTS = 3
    email = OutgoingEmailFactory()
    for _attempt in range(5):
        email_send(email.pk)
    email.refresh_from_db()
    assert (email.state, email.attempts) == (State.FAILED, 3)
    assert "SMTPDataError" in email.last_error
    assert email.sent_at is None


def test_an_outage_longer_than_every_attempt_fails_no_mail(refusing_smtp, settings, mailoutbox):
    """A server that cannot be reached is no mail's fault: the mail waits as long as the outage lasts."""
    settings.OUTBOX_RETRY_BASE_SECONDS = 0
    settings.OUTBOX_MAX_ATTEMPTS = 3
    email = OutgoingEmailFactory()
    for _attempt in range(6):
        assert email_send(email.pk) is False
    email.refresh_from_db()
    assert (email.state, email.attempts) == (State.QUEUED, 6)
    assert "SMTPServerDisconnected" in email.last_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the server is back
    assert email_send(email.pk) is True
    assert len(mailoutbox) == 1


@pytest.mark.parametrize(
    "error, outage",
    [
        (ConnectionRefusedError(111, "Connection refused"), True),
        (TimeoutError("timed out"), True),
        (smtplib.SMTPServerDisconnected("gone"), True),
        (smtplib.SMTPConnectError(421, b"busy"), True),
        (smtplib.SMTPAuthenticationError(535, b"bad login"), True),
        (smtplib.SMTPRecipientsRefused({"a@example.fi": (550, b"no such user")}), False),
        (smtplib.SMTPSenderRefused(553, b"no", "kumppani@localhost"), False),
        (smtplib.SMTPDataError(554, b"rejected"), False),
        (ValueError("a bug"), False),
    ],
)
def test_what_counts_as_an_outage(error, outage):
    assert is_outage(error) is outage


@pytest.mark.parametrize(
    "attempts, seconds", [(1, 60), (2, 120), (3, 240), (6, 1920), (7, 3600), (50, 3600), (10_000, 3600)]
)
def test_the_default_backoff_doubles_from_a_minute_to_an_hour(attempts, seconds):
    assert retry_delay(attempts) == datetime.timedelta(seconds=seconds)
