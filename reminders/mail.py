"""What reminder e-mails are rendered with: the outbox stores only ids and calls these when it sends.

A reminder's mail is rendered from the rows as they are when it is sent, in the recipient's language; a
digest lists the items still open then. A mail whose item is gone, or a digest with nothing left open, fails
at once with the reason (the outbox keeps it visible in the admin).
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.urls import reverse

from kumppani.web.urls import absolute_url
from outbox.context import preloaded
from reminders.engine import load_items, reminder_source, sources_by_type
from reminders.models import Reminder
from reminders.registry import reminder_title


def preload(stored_contexts: list[dict[str, Any]]) -> dict:
    """A batch's reminders, recipients and items in one query per kind (the outbox calls this before rendering
    the batch): rendering a reminder mail then reads no row."""
    ids = [stored["reminder"] for stored in stored_contexts if "reminder" in stored]
    reminders = Reminder.objects.select_related("recipient", "item_type").in_bulk(ids)
    sources = sources_by_type()
    known = [reminder for reminder in reminders.values() if reminder.item_type_id in sources]
    return {"reminders": reminders, "items": load_items(known, sources)}


def reminder_context(stored: dict[str, Any]) -> dict[str, Any]:
    batch = preloaded(preload)
    reminder = batch["reminders"].get(stored["reminder"]) if batch else None
    if reminder is None:
        reminder = Reminder.objects.select_related("recipient", "item_type").get(pk=stored["reminder"])
    source = reminder_source(reminder)
    if source is None:
        raise LookupError(f"no reminder source for {reminder.item_type}")
    if batch and reminder.pk in batch["reminders"]:
        item = batch["items"].get((reminder.item_type_id, reminder.item_id))
    else:
        item = source.model.objects.select_related(*source.select_related).filter(pk=reminder.item_id).first()
    if item is None:
        # Retrying would not bring it back: the outbox fails the mail at once with this reason.
        raise LookupError(f"{source.model._meta.model_name} {reminder.item_id} of reminder {reminder.pk} is gone")
    return {
        "reminder": reminder,
        "item": item,
        source.item_name: item,
        "title": reminder_title(source, item, reminder),
        "url": absolute_url(item.get_absolute_url()),
        "my_work_url": absolute_url(reverse("home")),
        "recipient": reminder.recipient,
    }


def digest_context(stored: dict[str, Any]) -> dict[str, Any]:
    recipient = get_user_model().objects.get(pk=stored["recipient"])
    reminders = list(Reminder.objects.filter(pk__in=stored["reminders"]).order_by("due_date", "pk"))
    sources = sources_by_type()
    reminders = [r for r in reminders if r.item_type_id in sources]
    items = load_items(reminders, sources)
    lines = []
    for reminder in reminders:
        item = items.get((reminder.item_type_id, reminder.item_id))
        source = sources[reminder.item_type_id]
        if item is not None and source.is_open(item):
            lines.append(
                {"title": reminder_title(source, item, reminder), "url": absolute_url(item.get_absolute_url())}
            )
    if not lines:
        # Nothing left to remind of: the mail is failed with this reason rather than sent empty.
        raise LookupError("every item of this digest was closed or removed before it was sent")
    return {"lines": lines, "recipient": recipient, "my_work_url": absolute_url(reverse("home"))}


def mail_context(stored: dict[str, Any]) -> dict[str, Any]:
    """The provider for templates/emails/reminders/: a digest holds "reminders", a single mail "reminder"."""
    return digest_context(stored) if "reminders" in stored else reminder_context(stored)
