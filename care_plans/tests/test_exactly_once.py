"""Exactly once on PostgreSQL: two concurrent runs, and a run that dies half-way."""

import datetime
import threading

import pytest
from django.core import mail
from django.db import connection
from freezegun import freeze_time

from accounts.notifications import Notification
from care_plans import reminders
from care_plans.models import Reminder
from care_plans.tests.factories import FollowUpFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
]
ITEMS = 30


def _sent_messages():
    return [(tuple(m.to), m.subject) for m in mail.outbox]


@pytest.fixture
def due_items(account_manager):
    return [
        FollowUpFactory(owner=account_manager, due_date=datetime.date(2026, 4, 2), title=f"Soitto {n}")
        for n in range(ITEMS)
    ]


@freeze_time("2026-04-02 08:00:00+03:00")
def test_two_concurrent_runs_send_each_reminder_once(due_items):
    start = threading.Barrier(2)
    errors, delivered = [], []

    def run():
        try:
            start.wait(timeout=10)
            delivered.append(reminders.reminders_run(batch_size=1)["delivered"])
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sum(delivered) == ITEMS  # each row claimed by exactly one of the runs
    messages = _sent_messages()
    assert len(messages) == ITEMS
    assert len(set(messages)) == ITEMS
    assert Reminder.objects.count() == ITEMS
    assert not Reminder.objects.filter(sent_at__isnull=True).exists()
    assert not Reminder.objects.filter(emailed_at__isnull=True).exists()
    assert Notification.objects.count() == ITEMS


@freeze_time("2026-04-02 08:00:00+03:00")
def test_a_crash_mid_run_sends_the_rest_on_the_next_run_and_none_twice(due_items, monkeypatch):
    real_deliver = reminders._deliver_one
    calls = {"n": 0}

    def dying_deliver(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 5:  # the third batch of two is claimed, one row delivered, then the worker dies
            raise RuntimeError("worker killed")
        return real_deliver(*args, **kwargs)

    monkeypatch.setattr(reminders, "_deliver_one", dying_deliver)
    with pytest.raises(RuntimeError):
        reminders.reminders_run(batch_size=2)
    assert len(mail.outbox) == 4  # the two committed batches
    assert Reminder.objects.filter(sent_at__isnull=False).count() == 4
    assert Notification.objects.count() == 4  # the dying batch's notice was rolled back with its claim

    monkeypatch.setattr(reminders, "_deliver_one", real_deliver)
    reminders.reminders_run(batch_size=2)
    reminders.reminders_run(batch_size=2)
    messages = _sent_messages()
    assert len(messages) == ITEMS and len(set(messages)) == ITEMS
    assert Notification.objects.count() == ITEMS


@freeze_time("2026-04-02 08:00:00+03:00")
def test_a_redelivered_email_task_sends_nothing_twice(due_items):
    from care_plans.tasks import send_reminder_email_task

    reminders.reminders_run()
    assert len(mail.outbox) == ITEMS
    for reminder in Reminder.objects.all()[:3]:
        assert send_reminder_email_task(reminder.pk) is False
    assert len(mail.outbox) == ITEMS
