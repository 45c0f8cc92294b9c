"""Reminders of follow-ups, plan actions and plan reviews: each item, stage and recipient exactly once.

The beat task (`reminders_run`) works in two steps (DESIGN.md "Reminders exactly once"):
1. find due items with indexed queries and insert the missing Reminder rows; the unique constraint on
   (item, stage, recipient) with ON CONFLICT DO NOTHING makes a second run or a concurrent one add nothing;
2. claim unsent rows in small batches with SELECT … FOR UPDATE SKIP LOCKED, write the in-app notice and mark
   each row sent in the claiming transaction; the e-mail is queued with transaction.on_commit, so a rolled-back
   batch (a crash) queues nothing and the next run picks its rows up again.
The e-mail task claims its row once more with a conditional UPDATE, so a redelivered task sends nothing twice.
"""

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import OrgUnit
from care_plans import notify
from care_plans.messages import reminder_message
from care_plans.models import CarePlan, FollowUp, PlanAction, Reminder, ReminderPreference, ReminderSettings

logger = logging.getLogger(__name__)
Stage = Reminder.Stage


@dataclass(frozen=True)
class Source:
    """A kind of item with a due date and an owner."""

    model: type
    date_field: str
    open_filter: dict
    kind_label: str  # gettext_noop'd text; translated per recipient


SOURCES = [
    Source(FollowUp, "due_date", {"status": FollowUp.Status.OPEN}, gettext_noop("Follow-up")),
    Source(PlanAction, "due_date", {"status": PlanAction.Status.OPEN}, gettext_noop("Planned action")),
    Source(
        CarePlan,
        "review_date",
        {"status__in": [CarePlan.Status.ACTIVE, CarePlan.Status.UNDER_REVIEW], "review_date__isnull": False},
        gettext_noop("Care plan review"),
    ),
]


def stage_for(due: datetime.date, today: datetime.date, *, due_soon_days: int) -> str | None:
    """The owner's stage today: due soon, due today or overdue (earlier stages missed are not sent late)."""
    if due > today:
        return Stage.DUE_SOON if (due - today).days <= due_soon_days else None
    if due == today:
        return Stage.DUE_TODAY
    return Stage.OVERDUE


def reminders_create(*, today: datetime.date | None = None) -> int:
    """Insert the reminder rows due today that do not exist yet. Returns the number of candidate rows."""
    today = today or timezone.localdate()
    config = ReminderSettings.load()
    horizon = today + datetime.timedelta(days=config.due_soon_days)
    escalate_before = today - datetime.timedelta(days=config.escalate_after_days)
    rows: list[Reminder] = []
    escalations: list[tuple[ContentType, int, int, datetime.date]] = []
    for source in SOURCES:
        content_type = ContentType.objects.get_for_model(source.model)
        items = (
            source.model.objects.filter(**source.open_filter, **{f"{source.date_field}__lte": horizon})
            .values_list("pk", "owner_id", source.date_field)
            .iterator()
        )
        for pk, owner_id, due in items:
            stage = stage_for(due, today, due_soon_days=config.due_soon_days)
            if stage:
                rows.append(
                    Reminder(item_type=content_type, item_id=pk, stage=stage, recipient_id=owner_id, due_date=due)
                )
            if due <= escalate_before:
                escalations.append((content_type, pk, owner_id, due))
    if escalations:
        heads = _unit_heads({owner_id for _ct, _pk, owner_id, _due in escalations})
        for content_type, pk, owner_id, due in escalations:
            for head_id in heads.get(owner_id, ()):
                rows.append(
                    Reminder(
                        item_type=content_type, item_id=pk, stage=Stage.ESCALATED, recipient_id=head_id, due_date=due
                    )
                )
    Reminder.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    return len(rows)


def _unit_heads(owner_ids: set[int]) -> dict[int, set[int]]:
    """The heads of each owner's units (the owner is never their own escalation)."""
    heads: dict[int, set[int]] = defaultdict(set)
    pairs = OrgUnit.objects.filter(members__in=owner_ids, head__isnull=False, is_active=True).values_list(
        "members", "head"
    )
    for member_id, head_id in pairs:
        if member_id != head_id:
            heads[member_id].add(head_id)
    return heads


def reminders_deliver(*, batch_size: int = 50) -> int:
    """Claim unsent rows batch by batch and deliver them. Returns the number delivered by this call."""
    delivered = 0
    while True:
        with transaction.atomic():
            batch = list(
                Reminder.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(sent_at__isnull=True)
                .select_related("recipient", "item_type")
                .order_by("pk")[:batch_size]
            )
            if not batch:
                return delivered
            items = _load_items(batch)
            preferences = {
                p.user_id: p for p in ReminderPreference.objects.filter(user__in={r.recipient_id for r in batch})
            }
            now = timezone.now()
            for reminder in batch:
                _deliver_one(reminder, items.get((reminder.item_type_id, reminder.item_id)), preferences, now)
            delivered += len(batch)


def _deliver_one(reminder: Reminder, item, preferences: dict, now) -> None:
    """Inside the claiming transaction: in-app notice now, e-mail after commit (or left for the digest)."""
    preference = preferences.get(reminder.recipient_id) or ReminderPreference(user=reminder.recipient)
    still_open = item is not None and _is_open(item)
    if still_open and preference.in_app:
        with translation.override(reminder.recipient.language):
            notify.notify(
                user=reminder.recipient,
                **reminder_message(reminder, item),
                url=item.get_absolute_url(),
                kind="care_reminder",
            )
    email_now = still_open and preference.email and not preference.daily_digest
    reminder.sent_at = now
    reminder.in_digest = still_open and preference.email and preference.daily_digest
    reminder.save(update_fields=["sent_at", "in_digest"])
    if email_now:
        from care_plans.tasks import send_reminder_email_task

        pk = reminder.pk
        transaction.on_commit(lambda: send_reminder_email_task.delay(pk))


def _is_open(item) -> bool:
    if isinstance(item, CarePlan):
        return item.status in (CarePlan.Status.ACTIVE, CarePlan.Status.UNDER_REVIEW)
    return item.status == "open"


def _load_items(reminders) -> dict:
    wanted: dict[int, set[int]] = defaultdict(set)
    for reminder in reminders:
        wanted[reminder.item_type_id].add(reminder.item_id)
    items = {}
    for type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        for item in model.objects.filter(pk__in=ids).select_related("organisation"):
            items[(type_id, item.pk)] = item
    return items


def reminder_title(reminder: Reminder, item) -> str:
    """One line in the recipient's active language."""
    kind = _source_label(item)
    what = item.title if hasattr(item, "title") else str(item.organisation)
    texts = {
        Stage.DUE_SOON: _("%(kind)s due %(date)s: %(what)s"),
        Stage.DUE_TODAY: _("%(kind)s due today: %(what)s"),
        Stage.OVERDUE: _("%(kind)s overdue since %(date)s: %(what)s"),
        Stage.ESCALATED: _("Escalated: %(owner)s's %(kind_lower)s is overdue since %(date)s: %(what)s"),
    }
    return texts[reminder.stage] % {
        "kind": kind,
        "kind_lower": kind.lower(),
        "date": reminder.due_date.strftime("%d.%m.%Y"),
        "what": what,
        "owner": item.owner,
    }


def _source_label(item) -> str:
    for source in SOURCES:
        if isinstance(item, source.model):
            return _(source.kind_label)
    return ""


def reminders_run(*, today: datetime.date | None = None, batch_size: int = 50) -> dict:
    candidates = reminders_create(today=today)
    delivered = reminders_deliver(batch_size=batch_size)
    return {"candidates": candidates, "delivered": delivered}


def _absolute(url: str) -> str:
    return settings.SITE_URL.rstrip("/") + url


def reminder_email_send(reminder_id: int) -> bool:
    """Send one reminder's e-mail, once: the row is claimed by a conditional UPDATE that must hit it."""
    claimed = Reminder.objects.filter(pk=reminder_id, emailed_at__isnull=True).update(emailed_at=timezone.now())
    if not claimed:
        return False
    reminder = Reminder.objects.select_related("recipient", "item_type").get(pk=reminder_id)
    item = reminder.item
    if item is None or not reminder.recipient.email:
        return False
    try:
        with translation.override(reminder.recipient.language):
            context = {
                "reminder": reminder,
                "item": item,
                "title": reminder_title(reminder, item),
                "url": _absolute(item.get_absolute_url()),
                "my_work_url": _absolute(reverse("crm:my_work")),
                "recipient": reminder.recipient,
            }
            subject = render_to_string("emails/care_plans/reminder_subject.txt", context).strip()
            body = render_to_string("emails/care_plans/reminder.txt", context)
        send_mail(subject, body, None, [reminder.recipient.email])
    except Exception:
        # Not sent: release the claim so that the task's retry can send it.
        Reminder.objects.filter(pk=reminder_id).update(emailed_at=None)
        raise
    return True


def digests_send() -> int:
    """Each recipient's waiting reminders in one e-mail. Returns the number of e-mails queued."""
    from care_plans.tasks import send_digest_email_task

    queued = 0
    with transaction.atomic():
        rows = list(
            Reminder.objects.select_for_update(skip_locked=True)
            .filter(in_digest=True)
            .values_list("pk", "recipient_id")
        )
        by_recipient: dict[int, list[int]] = defaultdict(list)
        for pk, recipient_id in rows:
            by_recipient[recipient_id].append(pk)
        Reminder.objects.filter(pk__in=[pk for pk, _r in rows]).update(in_digest=False)
        for recipient_id, ids in by_recipient.items():
            transaction.on_commit(lambda ids=ids, r=recipient_id: send_digest_email_task.delay(r, ids))
            queued += 1
    return queued


def digest_email_send(recipient_id: int, reminder_ids: list[int]) -> bool:
    claimed_ids = []
    for reminder_id in reminder_ids:
        if Reminder.objects.filter(pk=reminder_id, emailed_at__isnull=True).update(emailed_at=timezone.now()):
            claimed_ids.append(reminder_id)
    reminders = list(
        Reminder.objects.filter(pk__in=claimed_ids).select_related("recipient", "item_type").order_by("due_date")
    )
    if not reminders or not reminders[0].recipient.email:
        return False
    recipient = reminders[0].recipient
    items = _load_items(reminders)
    try:
        with translation.override(recipient.language):
            lines = []
            for reminder in reminders:
                item = items.get((reminder.item_type_id, reminder.item_id))
                if item is not None and _is_open(item):
                    lines.append({"title": reminder_title(reminder, item), "url": _absolute(item.get_absolute_url())})
            if not lines:
                return False
            context = {"lines": lines, "recipient": recipient, "my_work_url": _absolute(reverse("crm:my_work"))}
            subject = render_to_string("emails/care_plans/digest_subject.txt", context).strip()
            body = render_to_string("emails/care_plans/digest.txt", context)
        send_mail(subject, body, None, [recipient.email])
    except Exception:
        Reminder.objects.filter(pk__in=claimed_ids).update(emailed_at=None)
        raise
    return True
