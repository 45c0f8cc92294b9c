"""A real SMTP server that is down, then hangs, then comes back: mail waits in the queue and arrives once."""

import datetime
import socket
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone

from outbox.models import OutgoingEmail
from outbox.services import outbox_sweep
from outbox.tests.factories import OutgoingEmailFactory

pytestmark = pytest.mark.django_db
State = OutgoingEmail.State


class Recorder:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.messages.append((list(envelope.rcpt_tos), envelope.original_content))
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """Django's SMTP backend pointed at a loopback port where nothing listens (yet)."""
    port = _free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 1
    settings.OUTBOX_RETRY_BASE_SECONDS = 30
    return port


def test_mail_waits_out_an_smtp_outage_and_then_arrives_exactly_once(smtp):
    emails = [OutgoingEmailFactory(to=f"person{n}@example.fi") for n in range(5)]
    before = timezone.now()

    # Nothing listens: every send is refused, and every mail waits with its error.
    assert outbox_sweep() == {"requeued": 0, "failed": 0, "sent": 0}
    for email in OutgoingEmail.objects.all():
        assert (email.state, email.attempts) == (State.QUEUED, 1)
        assert email.last_error.startswith("ConnectionRefusedError")
        assert email.next_attempt_at >= before + datetime.timedelta(seconds=30)
    assert outbox_sweep()["sent"] == 0  # a beat during the wait does not hammer the server
    assert set(OutgoingEmail.objects.values_list("attempts", flat=True)) == {1}

    recorder = Recorder()
    server = Controller(recorder, hostname="127.0.0.1", port=smtp)
    server.start()
    try:
        OutgoingEmail.objects.update(next_attempt_at=timezone.now())  # the retries fall due
        assert outbox_sweep()["sent"] == 5
        assert outbox_sweep()["sent"] == 0
    finally:
        server.stop()

    assert len(recorder.messages) == 5
    assert sorted(recipients for recipients, _content in recorder.messages) == [[e.to] for e in emails]
    message_ids = [message_from_bytes(content)["Message-ID"] for _recipients, content in recorder.messages]
    assert len(set(message_ids)) == 5
    assert set(message_ids) == {email.message_id for email in emails}
    assert set(OutgoingEmail.objects.values_list("state", "attempts")) == {(State.SENT, 2)}


def test_a_server_that_never_answers_times_out_and_the_mail_waits(smtp):
    # Accepts the connection (the kernel's backlog) but never greets: smtplib waits EMAIL_TIMEOUT, then gives up.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", smtp))
        silent.listen(5)
        email = OutgoingEmailFactory()
        assert outbox_sweep()["sent"] == 0
    email.refresh_from_db()
    assert (email.state, email.attempts) == (State.QUEUED, 1)
    assert "timed out" in email.last_error
    assert email.next_attempt_at > timezone.now()
