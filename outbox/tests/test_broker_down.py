"""A broker that is down never fails or holds up the caller: the row is committed and the sweep sends it."""

import logging
import socket
import time

import pytest
from django.db import transaction

from kumppani.celery import app as celery_app
from outbox.models import OutgoingEmail
from outbox.services import email_queue, outbox_sweep
from outbox.tests.factories import GREETING

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def broker_down(monkeypatch):
    """Celery's app pointed at a loopback port where no broker listens (the environment wins over conf)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"redis://127.0.0.1:{port}/0"
    monkeypatch.setenv("CELERY_BROKER_URL", url)
    monkeypatch.setattr(celery_app.conf, "broker_url", url)
    assert celery_app.conf.task_always_eager is False
    return url


def test_queueing_with_the_broker_down_commits_the_row_and_returns_at_once(broker_down, caplog, mailoutbox):
    caplog.set_level(logging.WARNING, logger="outbox.services")
    started = time.monotonic()
    with transaction.atomic():
        email = email_queue(to="anna@example.fi", template=GREETING, context={"name": "Anna"}, language="fi")
    elapsed = time.monotonic() - started  # the commit and the failed publish included

    assert elapsed < 1, f"queueing took {elapsed:.2f} s with the broker down"
    assert f"e-mail {email.pk} not published to the broker" in caplog.text
    row = OutgoingEmail.objects.get()  # committed: this test runs outside any test transaction
    assert (row.pk, row.state, row.attempts) == (email.pk, OutgoingEmail.State.QUEUED, 0)
    assert mailoutbox == []

    # Nothing is lost: the next sweep sends it.
    assert outbox_sweep()["sent"] == 1
    assert [m.to for m in mailoutbox] == [["anna@example.fi"]]
