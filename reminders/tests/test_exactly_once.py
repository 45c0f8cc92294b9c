"""Exactly once on PostgreSQL, for every kind of item the engine reminds of: two concurrent runs, a run that
dies half-way, and a redelivered e-mail task."""

import datetime
import threading

import pytest
from django.core import mail
from django.db import connection
from freezegun import freeze_time

from accounts.notifications import Notification
from care_plans.tests.factories import CarePlanFactory, FollowUpFactory, PlanActionFactory
from leads.models import Lead
from leads.tests.factories import LeadFactory
from outbox.models import OutgoingEmail
from outbox.tasks import send_email_task
from reminders import engine
from reminders.models import Reminder

pytestmark = [
    pytest.mark.django_db(transaction=True),
]
ITEMS = 12
TODAY = datetime.date(2026, 4, 2)  # a Thursday, a working day in Finland


def _follow_up(owner, n):
    return FollowUpFactory(owner=owner, due_date=TODAY, title=f"Soitto {n}")


def _plan_action(owner, n):
    return PlanActionFactory(plan=CarePlanFactory(owner=owner, review_date=None), due_date=TODAY, title=f"Teko {n}")


def _plan_review(owner, n):
    return CarePlanFactory(owner=owner, review_date=TODAY)


def _lead(owner, n):
    return LeadFactory(
        assignee=owner, state=Lead.State.ASSIGNED, contact_due_on=TODAY - datetime.timedelta(days=1), description=str(n)
    )


KINDS = {"follow_up": _follow_up, "plan_action": _plan_action, "plan_review": _plan_review, "lead": _lead}


@pytest.fixture(params=sorted(KINDS))
def due_items(request, account_manager):
    return [KINDS[request.param](account_manager, n) for n in range(ITEMS)]


def _sent_messages():
    return [(tuple(m.to), m.subject, m.body) for m in mail.outbox]


@freeze_time("2026-04-02 08:00:00+03:00")
def test_two_concurrent_runs_send_each_reminder_once(due_items):
    start = threading.Barrier(2)
    errors, delivered = [], []

    def run():
        try:
            start.wait(timeout=10)
            delivered.append(engine.reminders_run(batch_size=1)["delivered"])
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
    assert OutgoingEmail.objects.filter(state=OutgoingEmail.State.SENT).count() == ITEMS
    assert Notification.objects.count() == ITEMS


@freeze_time("2026-04-02 08:00:00+03:00")
def test_a_crash_mid_run_sends_the_rest_on_the_next_run_and_none_twice(due_items, monkeypatch):
    real_deliver = engine._deliver_one
    calls = {"n": 0}

    def dying_deliver(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 5:  # the third batch of two is claimed, one row delivered, then the worker dies
            raise RuntimeError("worker killed")
        return real_deliver(*args, **kwargs)

    monkeypatch.setattr(engine, "_deliver_one", dying_deliver)
    with pytest.raises(RuntimeError):
        engine.reminders_run(batch_size=2)
    assert len(mail.outbox) == 4  # the two committed batches
    assert Reminder.objects.filter(sent_at__isnull=False).count() == 4
    assert OutgoingEmail.objects.count() == 4  # the dying batch's mail was rolled back with its claim
    assert Notification.objects.count() == 4  # and so was its notice

    monkeypatch.setattr(engine, "_deliver_one", real_deliver)
    engine.reminders_run(batch_size=2)
    engine.reminders_run(batch_size=2)
    messages = _sent_messages()
    assert len(messages) == ITEMS and len(set(messages)) == ITEMS
    assert Notification.objects.count() == ITEMS


@freeze_time("2026-04-02 08:00:00+03:00")
def test_a_redelivered_email_task_sends_nothing_twice(due_items):
    from reminders.tasks import send_reminder_email_task_alias

    engine.reminders_run()
    assert len(mail.outbox) == ITEMS
    for email in OutgoingEmail.objects.all()[:3]:
        assert send_email_task(email.pk) is False
    for reminder in Reminder.objects.all()[:3]:
        assert send_reminder_email_task_alias(reminder.pk) is False  # the task's name from before the outbox
    assert len(mail.outbox) == ITEMS


@freeze_time("2026-04-02 08:00:00+03:00")
def test_the_run_reminders_command_delivers_and_sends_what_is_due(due_items, monkeypatch):
    import io

    from django.core.management import call_command

    # No worker takes the send tasks (as with the broker down): the command sends the mail itself.
    monkeypatch.setattr("outbox.services.publish", lambda task, *args: False)
    out = io.StringIO()
    call_command("run_reminders", "--send", stdout=out)
    assert f"{ITEMS} delivered" in out.getvalue()
    assert f"{ITEMS} e-mails sent" in out.getvalue()
    assert len(mail.outbox) == ITEMS
    assert OutgoingEmail.objects.filter(state=OutgoingEmail.State.SENT).count() == ITEMS
