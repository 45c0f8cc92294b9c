"""The contact SLA: working days, reminders to the assignee then the unit's head, each sent exactly once."""

import datetime
import threading

import pytest
from django.db import connection
from freezegun import freeze_time

from accounts.models import Notification
from accounts.roles import Role
from accounts.tests.factories import user_with_role
from crm.tests.factories import OrganisationFactory
from kumppani.lib.workdays import add_working_days
from leads import services as lead_services
from leads.models import Lead, LeadSettings, Need
from leads.tests.factories import routes_to, unit_with_members
from reminders.models import Reminder

D = datetime.date


@pytest.mark.parametrize(
    "start, days, expected",
    [
        (D(2026, 11, 23), 3, D(2026, 11, 26)),  # Monday → Thursday
        (D(2026, 11, 26), 3, D(2026, 12, 1)),  # over a weekend and the month's end
        (D(2026, 4, 2), 3, D(2026, 4, 9)),  # Maundy Thursday: Good Friday and Easter Monday are off
        (D(2026, 12, 4), 3, D(2026, 12, 9)),  # Independence Day falls on Sunday 6.12.: nothing extra off
        (D(2026, 12, 23), 3, D(2026, 12, 30)),  # Christmas Eve, Christmas Day and Boxing Day
        (D(2026, 3, 27), 1, D(2026, 3, 30)),  # the clocks change on Sunday 29.3.
        (D(2026, 10, 23), 1, D(2026, 10, 26)),  # and back on Sunday 25.10.
        (D(2026, 5, 13), 1, D(2026, 5, 15)),  # Ascension Day 14.5.
    ],
)
def test_working_days_skip_weekends_and_finnish_holidays(start, days, expected):
    assert add_working_days(start, days) == expected


@pytest.fixture
def people(db):
    head = user_with_role(Role.MANAGEMENT, email="head@example.fi")
    triage_manager = user_with_role(Role.ACCOUNT_MANAGER, email="triage@example.fi")
    unit = unit_with_members("Oppisopimuskeskus", members=[triage_manager], head=head)
    routes_to(unit)
    return {"head": head, "triage": triage_manager, "unit": unit}


def _pass_on(day: str, teacher, organisation) -> Lead:
    with freeze_time(f"{day} 10:00:00+02:00"):
        lead = Lead(organisation=organisation, need=Need.APPRENTICESHIP, description="Tarve")
        return lead_services.lead_pass(lead=lead, actor=teacher)


@pytest.mark.django_db
def test_due_dates_are_stored_from_the_settings(teacher, people):
    settings = LeadSettings.load()
    settings.contact_within_working_days = 2
    settings.escalate_after_working_days = 1
    settings.save()
    lead = _pass_on("2026-11-26", teacher, OrganisationFactory())  # Thursday
    assert (lead.contact_due_on, lead.escalate_on) == (D(2026, 11, 30), D(2026, 12, 1))


@pytest.mark.django_db
def test_assignee_then_unit_head_are_reminded_once(
    teacher, account_manager, people, eager_celery, django_capture_on_commit_callbacks, mailoutbox
):
    lead = _pass_on("2026-11-23", teacher, OrganisationFactory(account_manager=account_manager))  # Monday
    assert (lead.contact_due_on, lead.escalate_on) == (D(2026, 11, 26), D(2026, 12, 1))
    Notification.objects.all().delete()
    mailoutbox.clear()

    assert lead_services.lead_reminders_send(today=D(2026, 11, 26)) == 0  # due today: not late yet
    with django_capture_on_commit_callbacks(execute=True):
        assert lead_services.lead_reminders_send(today=D(2026, 11, 27)) == 1
        assert lead_services.lead_reminders_send(today=D(2026, 11, 27)) == 0  # a second beat sends nothing
        assert lead_services.lead_reminders_send(today=D(2026, 11, 30)) == 0
    assert [m.to for m in mailoutbox] == [[account_manager.email]]
    assert Notification.objects.get().recipient == account_manager

    with django_capture_on_commit_callbacks(execute=True):
        assert lead_services.lead_reminders_send(today=D(2026, 12, 2)) == 1
        assert lead_services.lead_reminders_send(today=D(2026, 12, 3)) == 0
    assert [m.to for m in mailoutbox] == [[account_manager.email], [people["head"].email]]
    assert set(Reminder.objects.values_list("stage", "recipient")) == {
        ("overdue", account_manager.pk),
        ("escalated", people["head"].pk),
    }


@pytest.mark.django_db
def test_triage_leads_remind_the_units_account_managers(teacher, people):
    _pass_on("2026-11-23", teacher, OrganisationFactory())
    assert lead_services.lead_reminders_send(today=D(2026, 11, 27)) == 1
    assert Reminder.objects.get().recipient == people["triage"]


@pytest.mark.django_db
def test_a_contacted_lead_is_not_reminded(teacher, account_manager, people):
    lead = _pass_on("2026-11-23", teacher, OrganisationFactory(account_manager=account_manager))
    lead_services.lead_mark_contacted(lead=lead, actor=account_manager)
    assert lead_services.lead_reminders_send(today=D(2026, 12, 10)) == 0
    assert not Reminder.objects.exists()


@pytest.mark.django_db
def test_a_reminder_row_left_unsent_by_a_dead_worker_is_sent_by_the_next_run(teacher, account_manager, people):
    lead = _pass_on("2026-11-23", teacher, OrganisationFactory(account_manager=account_manager))
    # A row claimed by a worker that died before sending it.
    Reminder.objects.create(item=lead, stage="overdue", recipient=account_manager, due_date=lead.contact_due_on)
    assert lead_services.lead_reminders_send(today=D(2026, 11, 27)) == 1
    assert Reminder.objects.get().sent_at is not None


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_send_each_reminder_once(teacher, account_manager, people, eager_celery, mailoutbox):
    for _n in range(5):
        _pass_on("2026-11-23", teacher, OrganisationFactory(account_manager=account_manager))
    Notification.objects.all().delete()
    mailoutbox.clear()
    results, errors = [], []
    barrier = threading.Barrier(2)

    def run():
        try:
            barrier.wait()
            results.append(lead_services.lead_reminders_send(today=D(2026, 12, 2)))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    # Five leads, two stages each: ten reminders in all, whichever run sent them.
    assert sum(results) == 10
    assert Notification.objects.count() == 10
    assert Reminder.objects.filter(sent_at__isnull=True).count() == 0
    assert len(mailoutbox) == 10


@pytest.mark.django_db
def test_reminder_task_and_schedule():
    from leads.schedule import periodic_tasks
    from leads.tasks import expire_offers_task, lead_reminders_task_alias

    assert lead_reminders_task_alias.apply().get() == 0
    assert expire_offers_task.apply().get() == 0
    from reminders.schedule import periodic_tasks as engine_tasks

    tasks = {task for _name, task, _cron in periodic_tasks()}
    assert tasks == {"leads.tasks.expire_offers_task"}
    # Lead reminders run in the one reminder engine's schedule, with every other kind.
    assert "reminders.tasks.run_reminders_task" in {task for _name, task, _cron in engine_tasks()}
    # The names from before leads had an app of their own stay registered for one release.
    registered = set(lead_reminders_task_alias.app.tasks)
    old_names = {"crm.tasks.lead_reminders_task", "crm.tasks.expire_offers_task", "crm.tasks.send_lead_mail_task"}
    assert old_names <= registered
