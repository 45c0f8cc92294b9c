"""The one reminder engine: due item → stage → recipient, each exactly once, for every kind of item.

A beat task (`reminders_run`) works in two steps (DESIGN.md "Reminders exactly once"):
1. every registered source names the reminders due today; the missing Reminder rows are inserted with
   ON CONFLICT DO NOTHING on the unique (item, stage, recipient), so a second run or a concurrent one adds
   nothing;
2. unsent rows are claimed in batches with SELECT … FOR UPDATE SKIP LOCKED (never one transaction over
   everything); in the claiming transaction the batch's in-app notices are written, its e-mails queued in the
   outbox (or left for the daily digest) and its rows marked sent, each in bulk. A crash rolls the batch back
   — notices, outbox rows and marks together — and the next run picks the rows up again; after the commit the
   outbox owns the mail and sends it once, retrying through an SMTP outage.
Each recipient's preferences (in app, e-mail, daily digest) apply to every kind alike.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from accounts.notifications import notify_many
from outbox.services import email_queue, emails_queue
from reminders.models import Reminder, ReminderPreference
from reminders.registry import ReminderSource, registered_sources, source_for

Stage = Reminder.Stage
DIGEST_TEMPLATE = "emails/reminders/digest"


def sources_by_type(models: list | None = None) -> dict[int, ReminderSource]:
    """The registered sources (or those of `models`) by the content-type id their reminder rows carry."""
    return {
        ContentType.objects.get_for_model(source.model).pk: source
        for source in registered_sources()
        if models is None or source.model in models
    }


def _reminder_mail(reminder: Reminder, source: ReminderSource) -> dict:
    """The reminder's own e-mail for the outbox, once (its dedupe key is the reminder's)."""
    return {
        "to": reminder.recipient.email,
        "template": source.mail_template(reminder.stage),
        "context": {"reminder": reminder.pk},
        "language": reminder.recipient.language,
        "dedupe_key": f"reminder:{reminder.pk}",
    }


def _queue_reminder_mail(reminder: Reminder, source: ReminderSource) -> None:
    email_queue(**_reminder_mail(reminder, source))


def _queue_digest(recipient, reminder_ids: list[int]) -> None:
    """One digest of these reminders in the outbox; a reminder goes into one digest only, so the ids key it."""
    email_queue(
        to=recipient.email,
        template=DIGEST_TEMPLATE,
        context={"reminders": reminder_ids, "recipient": recipient.pk},
        language=recipient.language,
        dedupe_key=f"reminder-digest:{recipient.pk}:{min(reminder_ids)}:{max(reminder_ids)}",
    )


def reminders_create(*, today: datetime.date | None = None, models: list | None = None) -> int:
    """Insert the reminder rows due today that do not exist yet. Returns the number of candidate rows."""
    today = today or timezone.localdate()
    rows: list[Reminder] = []
    for type_id, source in sources_by_type(models).items():
        rows += [
            Reminder(
                item_type_id=type_id,
                item_id=due.item_id,
                stage=due.stage,
                recipient_id=due.recipient_id,
                due_date=due.due_date,
            )
            for due in source.due(today)
        ]
    Reminder.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    return len(rows)


@dataclass
class Delivery:
    """What delivering one reminder writes: its notice, its mail, and how the row is marked."""

    notice: dict | None = None
    mail: dict | None = None
    in_digest: bool = False


def reminders_deliver(*, batch_size: int = 500, models: list | None = None) -> int:
    """Claim unsent rows batch by batch and deliver them. Returns the number delivered by this call.

    A batch is written in bulk, in the claiming transaction: one INSERT of notices, one of outbox rows (whose
    send tasks go out after the commit, a batch each), at most three UPDATEs marking the rows.
    """
    sources = sources_by_type(models)
    delivered = 0
    while True:
        with transaction.atomic():
            batch = list(
                Reminder.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(sent_at__isnull=True, item_type_id__in=list(sources))
                .select_related("recipient")
                .order_by("pk")[:batch_size]
            )
            if not batch:
                return delivered
            items = load_items(batch, sources)
            preferences = {
                p.user_id: p for p in ReminderPreference.objects.filter(user__in={r.recipient_id for r in batch})
            }
            now = timezone.now()
            notices, mails = [], []
            marks: dict[tuple[bool, bool], list[int]] = defaultdict(list)
            for reminder in batch:
                item = items.get((reminder.item_type_id, reminder.item_id))
                delivery = _deliver_one(reminder, sources[reminder.item_type_id], item, preferences, now)
                if delivery.notice:
                    notices.append(delivery.notice)
                if delivery.mail:
                    mails.append(delivery.mail)
                marks[(delivery.in_digest, delivery.mail is not None)].append(reminder.pk)
            notify_many(notices)
            emails_queue(mails)
            for (in_digest, emailed), ids in marks.items():
                Reminder.objects.filter(pk__in=ids).update(
                    sent_at=now, in_digest=in_digest, emailed_at=now if emailed else None
                )
            delivered += len(batch)


def _deliver_one(reminder: Reminder, source: ReminderSource, item, preferences: dict, now) -> Delivery:
    """What one claimed row delivers: the notice, the outbox mail (or the digest mark); written by the batch."""
    recipient = reminder.recipient
    preference = preferences.get(recipient.pk) or ReminderPreference(user=recipient)
    still_open = item is not None and source.is_open(item)
    delivery = Delivery()
    if still_open and preference.in_app:
        delivery.notice = {"recipient": recipient, "url": item.get_absolute_url(), **source.message(item, reminder)}
    wants_mail = still_open and preference.email and bool(recipient.email)
    delivery.in_digest = wants_mail and preference.daily_digest
    if wants_mail and not preference.daily_digest:
        delivery.mail = _reminder_mail(reminder, source)
    return delivery


def load_items(reminders, sources: dict[int, ReminderSource]) -> dict:
    """The reminders' items, one query per kind."""
    wanted: dict[int, set[int]] = defaultdict(set)
    for reminder in reminders:
        wanted[reminder.item_type_id].add(reminder.item_id)
    items = {}
    for type_id, ids in wanted.items():
        source = sources[type_id]
        for item in source.model.objects.filter(pk__in=ids).select_related(*source.select_related):
            items[(type_id, item.pk)] = item
    return items


def reminders_run(*, today: datetime.date | None = None, batch_size: int = 500, models: list | None = None) -> dict:
    candidates = reminders_create(today=today, models=models)
    delivered = reminders_deliver(batch_size=batch_size, models=models)
    return {"candidates": candidates, "delivered": delivered}


def digests_send() -> int:
    """Each recipient's waiting reminders in one e-mail, queued in the outbox. Returns the number queued."""
    queued = 0
    with transaction.atomic():
        rows = list(
            Reminder.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(in_digest=True)
            .select_related("recipient")
            .order_by("due_date", "pk")
        )
        by_recipient: dict[int, list[Reminder]] = defaultdict(list)
        for reminder in rows:
            by_recipient[reminder.recipient_id].append(reminder)
        now = timezone.now()
        Reminder.objects.filter(pk__in=[r.pk for r in rows]).update(in_digest=False, emailed_at=now)
        for reminders in by_recipient.values():
            _queue_digest(reminders[0].recipient, [r.pk for r in reminders])
            queued += 1
    return queued


def reminder_source(reminder: Reminder) -> ReminderSource | None:
    return source_for(reminder.item_type.model_class())


def reminder_email_queue(reminder_id: int) -> bool:
    """Queue one reminder's e-mail in the outbox unless it was already: `emailed_at` is claimed by a
    conditional UPDATE. For messages published before the outbox existed; runs now queue in their claim."""
    with transaction.atomic():
        if not Reminder.objects.filter(pk=reminder_id, emailed_at__isnull=True).update(emailed_at=timezone.now()):
            return False
        reminder = Reminder.objects.select_related("recipient", "item_type").get(pk=reminder_id)
        source = reminder_source(reminder)
        if source is None or reminder.item is None or not reminder.recipient.email:
            return False
        _queue_reminder_mail(reminder, source)
    return True


def digest_email_queue(recipient_id: int, reminder_ids: list[int]) -> bool:
    """Queue a digest of those of these reminders not e-mailed yet (an old digest message's work)."""
    with transaction.atomic():
        claimed = [
            pk
            for pk in reminder_ids
            if Reminder.objects.filter(pk=pk, recipient_id=recipient_id, emailed_at__isnull=True).update(
                emailed_at=timezone.now(), in_digest=False
            )
        ]
        recipient = get_user_model().objects.filter(pk=recipient_id).first()
        if not claimed or recipient is None or not recipient.email:
            return False
        _queue_digest(recipient, claimed)
    return True
