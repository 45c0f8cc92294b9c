"""Reminder stages, escalation, preferences, language and the days clocks change."""

import datetime

import pytest
from django.core import mail
from freezegun import freeze_time

from accounts.models import OrgUnit
from accounts.notifications import Notification
from accounts.roles import Role
from accounts.tests.factories import user_with_role
from care_plans.models import FollowUp
from care_plans.tests.factories import CarePlanFactory, FollowUpFactory, PlanActionFactory
from reminders.engine import reminders_run
from reminders.models import Reminder, ReminderPreference
from reminders.tasks import send_digests_task

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def _run(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return reminders_run(**kwargs)

    return _run


def _stages():
    return sorted((r.item_id, r.stage) for r in Reminder.objects.all())


@freeze_time("2026-04-02 08:00:00+03:00")
def test_each_item_gets_its_stage_of_today(run, account_manager):
    soon = FollowUpFactory(owner=account_manager, due_date=D(2026, 4, 5))
    today = FollowUpFactory(owner=account_manager, due_date=D(2026, 4, 2))
    late = FollowUpFactory(owner=account_manager, due_date=D(2026, 3, 30))
    FollowUpFactory(owner=account_manager, due_date=D(2026, 4, 20))  # too far ahead
    FollowUpFactory(owner=account_manager, due_date=D(2026, 3, 1), status=FollowUp.Status.DONE)
    run()
    assert _stages() == sorted([(soon.pk, "due_soon"), (today.pk, "due_today"), (late.pk, "overdue")])
    assert len(mail.outbox) == 3
    assert all(m.to == [account_manager.email] for m in mail.outbox)
    assert Notification.objects.filter(recipient=account_manager, read_at__isnull=True).count() == 3


def test_a_rerun_sends_nothing_and_the_next_stage_is_sent_once(run, account_manager):
    follow_up = FollowUpFactory(owner=account_manager, due_date=D(2026, 4, 2))
    with freeze_time("2026-03-31 08:00:00+03:00"):
        run()
        run()
    assert len(mail.outbox) == 1
    with freeze_time("2026-04-01 08:00:00+03:00"):
        run()  # still "due soon": already sent
    assert len(mail.outbox) == 1
    with freeze_time("2026-04-02 08:00:00+03:00"):
        run()
        run()
    assert len(mail.outbox) == 2
    assert _stages() == [(follow_up.pk, "due_soon"), (follow_up.pk, "due_today")]


def test_plan_actions_and_reviews_are_reminded_too(run, account_manager):
    action = PlanActionFactory(plan__owner=account_manager, due_date=D(2026, 5, 4))
    plan = CarePlanFactory(owner=account_manager, review_date=D(2026, 5, 4))
    CarePlanFactory(owner=account_manager, review_date=D(2026, 5, 4), status="closed")
    with freeze_time("2026-05-04 08:00:00+03:00"):
        run()
    assert {(r.item_type.model, r.item_id) for r in Reminder.objects.all()} == {
        ("planaction", action.pk),
        ("careplan", plan.pk),
    }
    assert any("Toimenpide" in m.subject for m in mail.outbox)


def test_overdue_long_enough_escalates_to_the_units_head(run, account_manager, management):
    unit = OrgUnit.objects.create(name="Yrityspalvelut", kind=OrgUnit.Kind.TEAM, head=management)
    account_manager.units.add(unit)
    follow_up = FollowUpFactory(owner=account_manager, due_date=D(2026, 4, 1))
    with freeze_time("2026-04-07 08:00:00+03:00"):  # six days overdue
        run()
    assert not Reminder.objects.filter(stage="escalated").exists()
    with freeze_time("2026-04-08 08:00:00+03:00"):  # seven
        run()
        run()
    [escalation] = Reminder.objects.filter(stage="escalated")
    assert escalation.recipient == management and escalation.item_id == follow_up.pk
    assert [m.to for m in mail.outbox].count([management.email]) == 1


def test_preferences_email_off_and_daily_digest(run, account_manager, django_capture_on_commit_callbacks):
    quiet = user_with_role(Role.ACCOUNT_MANAGER)
    ReminderPreference.objects.create(user=quiet, email=False)
    ReminderPreference.objects.create(user=account_manager, daily_digest=True)
    FollowUpFactory(owner=quiet, due_date=D(2026, 4, 2))
    FollowUpFactory(owner=account_manager, due_date=D(2026, 4, 2))
    FollowUpFactory(owner=account_manager, due_date=D(2026, 3, 31))
    with freeze_time("2026-04-02 08:00:00+03:00"):
        run()
        assert mail.outbox == []
        assert Notification.objects.filter(recipient=quiet).count() == 1
        with django_capture_on_commit_callbacks(execute=True):
            send_digests_task()
            send_digests_task()
    [digest] = mail.outbox
    assert digest.to == [account_manager.email]
    assert digest.body.count("http") >= 3  # two items and the My work link


def test_the_email_speaks_the_recipients_language(run):
    english = user_with_role(Role.ACCOUNT_MANAGER, language="en")
    FollowUpFactory(owner=english, due_date=D(2026, 4, 2), title="Soitto asiakkaalle")
    with freeze_time("2026-04-02 08:00:00+03:00"):
        run()
    [message] = mail.outbox
    assert message.subject == "Kumppani: Follow-up due today: Soitto asiakkaalle"
    assert "Hello" in message.body


def test_an_item_done_before_its_reminder_is_claimed_is_not_sent(account_manager, django_capture_on_commit_callbacks):
    from reminders.engine import reminders_create, reminders_deliver

    follow_up = FollowUpFactory(owner=account_manager, due_date=D(2026, 4, 2))
    with freeze_time("2026-04-02 08:00:00+03:00"):
        reminders_create()
        FollowUp.objects.filter(pk=follow_up.pk).update(status=FollowUp.Status.DONE)
        with django_capture_on_commit_callbacks(execute=True):
            reminders_deliver()
    assert mail.outbox == []
    assert Reminder.objects.get().sent_at is not None


@pytest.mark.parametrize(
    "utc_moment, local_today, stage",
    [
        # Last Sunday of March 2026: clocks go from 03:00 EET to 04:00 EEST.
        ("2026-03-28 21:30:00", D(2026, 3, 28), "due_soon"),  # 23:30 on Saturday in Helsinki
        ("2026-03-28 22:30:00", D(2026, 3, 29), "due_today"),  # 00:30 on Sunday
        ("2026-03-29 01:30:00", D(2026, 3, 29), "due_today"),  # 04:30 EEST, after the change
        # Last Sunday of October 2026: clocks go from 04:00 EEST back to 03:00 EET.
        ("2026-10-24 20:30:00", D(2026, 10, 24), "due_soon"),  # 23:30 EEST on Saturday
        ("2026-10-24 21:30:00", D(2026, 10, 25), "due_today"),  # 00:30 EEST on Sunday
        ("2026-10-25 21:30:00", D(2026, 10, 25), "due_today"),  # 23:30 EET on Sunday
        ("2026-10-25 22:30:00", D(2026, 10, 26), "overdue"),  # 00:30 EET on Monday
    ],
)
def test_stages_follow_the_date_in_helsinki_on_the_days_clocks_change(
    run, account_manager, utc_moment, local_today, stage
):
    from django.utils import timezone

    due = D(2026, 3, 29) if utc_moment.startswith("2026-03") else D(2026, 10, 25)
    FollowUpFactory(owner=account_manager, due_date=due)
    with freeze_time(utc_moment):
        assert timezone.localdate() == local_today
        run()
    assert Reminder.objects.get().stage == stage
