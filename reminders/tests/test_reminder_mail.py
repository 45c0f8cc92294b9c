"""Reminder and digest mail through the outbox: one row per reminder or digest, rendered when sent."""

import datetime

import pytest
from django.conf import settings
from freezegun import freeze_time

from accounts.roles import Role
from accounts.tests.factories import user_with_role
from care_plans.models import FollowUp
from care_plans.tests.factories import FollowUpFactory
from outbox.models import OutgoingEmail
from outbox.services import email_send
from reminders import engine as reminders
from reminders.models import Reminder, ReminderPreference
from reminders.tasks import send_digest_email_task_alias as send_digest_email_task
from reminders.tasks import send_reminder_email_task_alias as send_reminder_email_task

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = "2026-04-02 08:00:00+03:00"


def _rows() -> list[OutgoingEmail]:
    return list(OutgoingEmail.objects.order_by("pk"))


@freeze_time(TODAY)
@pytest.mark.parametrize(
    "language, subject, opener", [("sv", "Kumppani: ", "Hej Sara,"), ("en", "Kumppani: Follow-up due today: ", "Hello")]
)
def test_a_reminder_is_one_row_of_ids_rendered_in_the_recipients_language(language, subject, opener, mailoutbox):
    owner = user_with_role(Role.ACCOUNT_MANAGER, first_name="Sara", language=language)
    follow_up = FollowUpFactory(owner=owner, due_date=D(2026, 4, 2), title="Soitto Konepajalle")
    reminders.reminders_run()
    reminder = Reminder.objects.get()
    [row] = _rows()
    assert (row.to, row.template, row.language) == (owner.email, "emails/reminders/reminder", language)
    assert (row.context, row.dedupe_key) == ({"reminder": reminder.pk}, f"reminder:{reminder.pk}")
    assert reminder.emailed_at is not None

    assert email_send(row.pk) is True
    [message] = mailoutbox
    assert message.subject.startswith(subject) and message.subject.endswith("Soitto Konepajalle")
    assert message.body.startswith(opener)
    assert settings.SITE_URL.rstrip("/") + follow_up.get_absolute_url() in message.body


@freeze_time(TODAY)
def test_the_old_reminder_task_queues_a_reminder_not_yet_emailed_and_only_once(account_manager):
    FollowUpFactory(owner=account_manager, due_date=D(2026, 4, 2))
    reminders.reminders_create()
    reminder = Reminder.objects.get()
    assert send_reminder_email_task(reminder.pk) is True
    assert send_reminder_email_task(reminder.pk) is False
    [row] = _rows()
    assert row.dedupe_key == f"reminder:{reminder.pk}"


@freeze_time(TODAY)
def test_an_item_deleted_before_its_mail_goes_out_fails_the_mail_with_the_reason(account_manager, mailoutbox):
    follow_up = FollowUpFactory(owner=account_manager, due_date=D(2026, 4, 2))
    reminders.reminders_run()
    FollowUp.objects.filter(pk=follow_up.pk).delete()
    [row] = _rows()
    assert email_send(row.pk) is False
    row.refresh_from_db()
    assert row.state == OutgoingEmail.State.FAILED
    assert f"followup {follow_up.pk} of reminder" in row.last_error and "is gone" in row.last_error
    assert mailoutbox == []


@freeze_time(TODAY)
def test_a_batch_of_reminder_mails_renders_in_the_same_queries_for_two_or_twelve(account_manager, mailoutbox):
    """The outbox preloads a batch's reminders and items (one query per kind), so a mail costs no query of its
    own to render: only the row marked sent."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from outbox.services import emails_send

    def send_batch(count: int) -> int:
        for n in range(count):
            FollowUpFactory(owner=account_manager, due_date=D(2026, 4, 2), title=f"Soitto {count}-{n}")
        reminders.reminders_run()
        ids = [row.pk for row in _rows() if row.state == OutgoingEmail.State.QUEUED]
        assert len(ids) == count
        with CaptureQueriesContext(connection) as captured:
            assert emails_send(ids) == count
        return len(captured) - count  # one UPDATE a mail marks it sent as the server accepts it

    assert send_batch(2) == send_batch(12)
    assert len(mailoutbox) == 14
    assert {m.subject.rsplit(": ", 1)[-1] for m in mailoutbox} >= {"Soitto 2-0", "Soitto 12-11"}


@pytest.fixture
def digest_reader(account_manager):
    ReminderPreference.objects.create(user=account_manager, daily_digest=True)
    return account_manager


@freeze_time(TODAY)
def test_a_digest_is_one_row_per_recipient_and_lists_what_is_still_open_when_sent(digest_reader, mailoutbox):
    first = FollowUpFactory(owner=digest_reader, due_date=D(2026, 3, 31), title="Ensimmäinen")
    second = FollowUpFactory(owner=digest_reader, due_date=D(2026, 4, 2), title="Toinen")
    done_meanwhile = FollowUpFactory(owner=digest_reader, due_date=D(2026, 4, 3), title="Hoidettu")
    reminders.reminders_run()
    assert _rows() == []  # digest readers get no separate mails
    assert reminders.digests_send() == 1
    assert reminders.digests_send() == 0
    [row] = _rows()
    ids = sorted(Reminder.objects.values_list("pk", flat=True))
    assert (row.template, row.context) == (
        "emails/reminders/digest",
        {"recipient": digest_reader.pk, "reminders": ids},
    )
    assert row.dedupe_key == f"reminder-digest:{digest_reader.pk}:{ids[0]}:{ids[-1]}"

    FollowUp.objects.filter(pk=done_meanwhile.pk).update(status=FollowUp.Status.DONE)
    assert email_send(row.pk) is True
    [message] = mailoutbox
    assert message.subject == "Kumppani: 2 muistutusta"
    assert message.body.index("Ensimmäinen") < message.body.index("Toinen")
    assert "Hoidettu" not in message.body
    assert first.get_absolute_url() in message.body and second.get_absolute_url() in message.body


@freeze_time(TODAY)
def test_a_digest_whose_items_were_all_closed_before_sending_is_failed_not_sent_empty(digest_reader, mailoutbox):
    follow_up = FollowUpFactory(owner=digest_reader, due_date=D(2026, 4, 2))
    reminders.reminders_run()
    reminders.digests_send()
    FollowUp.objects.filter(pk=follow_up.pk).update(status=FollowUp.Status.DONE)
    [row] = _rows()
    assert email_send(row.pk) is False
    row.refresh_from_db()
    assert row.state == OutgoingEmail.State.FAILED
    assert "every item of this digest was closed or removed" in row.last_error
    assert mailoutbox == []


@freeze_time(TODAY)
def test_the_old_digest_task_queues_the_reminders_not_yet_emailed(digest_reader):
    FollowUpFactory(owner=digest_reader, due_date=D(2026, 4, 2))
    FollowUpFactory(owner=digest_reader, due_date=D(2026, 4, 1))
    reminders.reminders_run()
    ids = sorted(Reminder.objects.values_list("pk", flat=True))
    assert send_digest_email_task(digest_reader.pk, ids) is True
    assert send_digest_email_task(digest_reader.pk, ids) is False
    [row] = _rows()
    assert row.context == {"recipient": digest_reader.pk, "reminders": ids}
