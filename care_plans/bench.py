"""care_plans' part of the scale data and benchmark (kumppani.bench).

Per 100,000 organisations 300,000 follow-ups: each done delivery's after-care steps (the default after-care
model) and, to make up the number, follow-ups after a change of manager; 20,000 of them are open and due
(due within the reminder stages' reach, overdue included), later ones open, the rest done. Key and
strategic customers with a manager get a care plan with two planned actions. The reminder run is timed
until the last mail is accepted by a local SMTP server.
"""

import datetime
import time

from django.conf import settings
from django.test.utils import override_settings
from django.utils import timezone, translation

from accounts.bench import user_from_facts
from accounts.messages import render_message
from accounts.models import Notification
from care_plans.messages import aftercare_title_message
from care_plans.models import AfterCareModel, CalendarFeed, CarePlan, FollowUp, PlanAction, ReminderSettings
from crm.models import Delivery, Organisation
from kumppani.bench.context import json_text
from kumppani.bench.registry import Targets, register_generator, register_page, register_task
from outbox.models import OutgoingEmail
from outbox.services import outbox_sweep
from reminders.engine import reminders_run
from reminders.models import Reminder

DUE_PER_100K = 20_000
TOTAL_PER_100K = 300_000
# Each half of the reminder run is stopped after this long (two and a half times the target): see reminder_run.
BUDGET_SECONDS = 150


def generate(ctx) -> None:
    rng = ctx.rng("care_plans")
    facts = ctx.facts
    now, today = timezone.now(), timezone.localdate()
    horizon = today + datetime.timedelta(days=ReminderSettings.load().due_soon_days)
    steps = list(AfterCareModel.objects.get(is_default=True).steps.all())
    first = facts["organisation_ids"][0]
    done = Delivery.objects.filter(organisation_id__gte=first, status=Delivery.Status.DONE).values_list(
        "pk", "organisation_id", "responsible_id", "end_date", "title"
    )
    rows, cache = [], {}
    for delivery_id, org, owner, end_date, title in done.iterator(chunk_size=10000):
        for step in steps:
            key = (step.pk, title)
            if key not in cache:
                message = aftercare_title_message(step, Delivery(title=title))
                with translation.override(settings.LANGUAGE_CODE):
                    text = render_message(message["code"], message["params"])[:300]
                cache[key] = (text, message["code"], json_text(message["params"]))
            due = end_date + datetime.timedelta(days=step.days_after_end)
            rows.append([org, delivery_id, step.pk, FollowUp.Kind.AFTER_CARE, *cache[key], owner, due])
    managers = dict(
        Organisation.objects.filter(pk__gte=first, account_manager__isnull=False).values_list(
            "pk", "account_manager_id"
        )
    )
    with_manager = list(managers)
    total = ctx.scaled(TOTAL_PER_100K)
    while len(rows) < total and with_manager:
        org = rng.choice(with_manager)
        due = today + datetime.timedelta(days=rng.randint(-700, 60))
        rows.append(
            [
                org,
                None,
                None,
                FollowUp.Kind.MANAGER_CHANGE,
                "Uuden asiakkuuspäällikön yhteydenotto",
                "",
                "{}",
                managers[org],
                due,
            ]
        )
    rows = rows[:total] if len(rows) > total else rows
    # The most recent `due` of those in the reminders' reach stay open; earlier ones were done.
    reach = sorted((r for r in rows if r[-1] <= horizon), key=lambda r: r[-1], reverse=True)
    open_due = {id(r) for r in reach[: ctx.scaled(DUE_PER_100K)]}
    copy_rows = []
    for r in rows:
        is_open = r[-1] > horizon or id(r) in open_due
        completed = (
            None if is_open else timezone.make_aware(datetime.datetime.combine(min(r[-1], today), datetime.time(12)))
        )
        copy_rows.append(
            (
                *r,
                FollowUp.Status.OPEN if is_open else FollowUp.Status.DONE,
                "" if is_open else "phone",
                completed,
                None if is_open else r[-2],
                now,
                "",
                "",
                "",
                "",
                "",
            )
        )
    with ctx.step(f"{len(copy_rows)} follow-ups"):
        ctx.copy(
            FollowUp,
            [
                "organisation_id",
                "delivery_id",
                "step_id",
                "kind",
                "title",
                "title_code",
                "title_params",
                "owner_id",
                "due_date",
                "status",
                "channel",
                "completed_at",
                "completed_by_id",
                "created_at",
                "went_customer",
                "went_ours",
                "need_reassessment",
                "services_presented",
                "feedback",
            ],
            copy_rows,
        )
    del rows, copy_rows
    plan_id = ctx.next_id(CarePlan)
    plans, actions = [], []
    keyed = Organisation.objects.filter(
        pk__gte=first, segment__in=["strategic", "key"], account_manager__isnull=False, is_archived=False
    ).values_list("pk", "account_manager_id")
    for org, owner in keyed:
        review = today + datetime.timedelta(days=rng.randint(-30, 330))
        plans.append(
            (
                plan_id,
                org,
                CarePlan.Status.ACTIVE,
                owner,
                "Kasvattaa yhteistyötä",
                "Pitkäaikainen kumppanuus",
                "",
                "[]",
                None,
                review,
                None,
                now,
                now,
            )
        )
        for offset in (20, 120):
            actions.append(
                (
                    org,
                    plan_id,
                    "Vuosipalaveri",
                    owner,
                    review - datetime.timedelta(days=offset),
                    PlanAction.Status.OPEN,
                    None,
                    now,
                )
            )
        plan_id += 1
    with ctx.step(f"{len(plans)} care plans"):
        ctx.copy(
            CarePlan,
            [
                "id",
                "organisation_id",
                "status",
                "owner_id",
                "customer_goals",
                "our_goals",
                "services_notes",
                "channels",
                "contact_interval_months",
                "review_date",
                "last_reviewed_at",
                "created_at",
                "updated_at",
            ],
            plans,
        )
        ctx.copy(
            PlanAction,
            ["organisation_id", "plan_id", "title", "owner_id", "due_date", "status", "completed_at", "created_at"],
            actions,
        )
    feed = CalendarFeed.objects.create(user_id=facts["big_manager"])
    facts["calendar_token"] = feed.token
    ctx.finish()


# The reminder run --------------------------------------------------------------------------------------------


def reminder_reset(ctx) -> None:
    """Untimed: forget earlier runs' reminders, notices and mail, so that every run sends the day's reminders."""
    Reminder.objects.all().delete()
    Notification.objects.all().delete()
    OutgoingEmail.objects.all().delete()


def reminder_run(ctx) -> dict:
    """The engine's run, then the outbox sending every queued mail to a local SMTP server.

    Each half runs in a child process stopped after its time budget (five times the target), so that a run far
    too slow does not take the bench hours: a stopped run rolls back its open batch (the engine's guarantee),
    and the figures say how far it got and what the whole would take at that pace.
    """
    from kumppani.bench.smtp import smtp_sink  # aiosmtpd is a development dependency

    due = FollowUp.objects.filter(
        status=FollowUp.Status.OPEN,
        due_date__lte=timezone.localdate() + datetime.timedelta(days=ReminderSettings.load().due_soon_days),
    ).count()
    started = time.perf_counter()
    queue_done = _bounded(_queue_reminders, BUDGET_SECONDS)
    queued_at = time.perf_counter() - started
    reminders, sent_reminders = Reminder.objects.count(), Reminder.objects.filter(sent_at__isnull=False).count()
    with smtp_sink() as sink:
        send_done = _bounded(_send_mail, BUDGET_SECONDS, sink.host, sink.port)
        mails = OutgoingEmail.objects.count()
        sink.wait_for(OutgoingEmail.objects.filter(state=OutgoingEmail.State.SENT).count())
        accepted = sink.count
    figures = {
        "due follow-ups": due,
        "reminders": reminders,
        "queue seconds": round(queued_at, 1),
        "mails queued": mails,
        "mails accepted": accepted,
    }
    if not queue_done:
        figures["stopped queueing at"] = f"{sent_reminders} of {reminders} reminders"
    if not send_done:
        figures["stopped sending at"] = f"{accepted} of {mails} mails"
    if not (queue_done and send_done):
        elapsed = time.perf_counter() - started
        figures["whole run at this pace (s)"] = round(
            queued_at * reminders / max(1, sent_reminders) + (elapsed - queued_at) * mails / max(1, accepted)
        )
    return figures


def _queue_reminders() -> None:
    reminders_run()


def _send_mail(host: str, port: int) -> None:
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_HOST=host, EMAIL_PORT=port
    ):
        while outbox_sweep(batch_size=500)["sent"]:
            pass


def _bounded(function, seconds: float, *args) -> bool:
    """Run `function` in a forked child with its own database connection; stop it after `seconds`.

    Returns whether it finished."""
    import multiprocessing

    from django.db import connections

    connections.close_all()  # the child must not share this process's connection
    child = multiprocessing.get_context("fork").Process(target=_in_child, args=(function, *args))
    child.start()
    child.join(seconds)
    finished = not child.is_alive()
    if not finished:
        child.terminate()
        child.join()
    return finished


def _in_child(function, *args) -> None:
    from django.db import connections

    function(*args)
    connections.close_all()


def register() -> None:
    register_generator("care_plans", order=50, fn=generate)
    manager, management = user_from_facts("managers", -1), user_from_facts("management", 0)
    page = lambda name, url, who, targets=None, **kw: register_page(name, url, who, targets, app="care_plans", **kw)  # noqa: E731
    page("follow-up list", "/care/follow-ups/", manager)
    page("care plan list", "/care/plans/", management)
    page("care plans to review", "/care/plans/review/", management)
    page(
        "calendar feed (5,000 customers)",
        lambda ctx: f"/care/calendar/{ctx.facts['calendar_token']}.ics",
        lambda ctx: None,
        Targets(p95_ms=150),
    )
    register_task(
        "reminder run (reminders_run + outbox to SMTP)",
        reminder_run,
        Targets(p95_ms=None, queries=None, growth=None, seconds=60),
        prepare=reminder_reset,
        app="care_plans",
    )
