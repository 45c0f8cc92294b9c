"""The kinds of item that remind people: each app with due items registers a source in its AppConfig.ready().

A source says which rows are due for which stage and recipient today, whether an item still needs its
reminder when the reminder goes out, and how the reminder reads. The engine (reminders.engine) does the rest
for every kind alike: unique rows, claiming, preferences, the daily digest, the in-app notice and the e-mail.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models


@dataclass(frozen=True)
class Due:
    """One reminder a source wants sent: the item, its stage, who gets it and the date it is about."""

    item_id: int
    stage: str
    recipient_id: int
    due_date: datetime.date


@dataclass(frozen=True)
class ReminderSource:
    model: type[models.Model]
    # Every reminder due today, by the source's own rules (stages, recipients, escalation).
    due: Callable[[datetime.date], Iterable[Due]]
    # Whether the item still wants its reminder when the row is delivered (done items are skipped silently).
    is_open: Callable[[models.Model], bool]
    # The reminder as a message code and parameters (accounts.messages), e.g. "Follow-up due today: Konepaja Oy":
    # stored on the notification and rendered in each reader's language.
    message: Callable[[models.Model, "object"], dict]
    # The e-mail template (without _subject/.txt) for a stage; templates get item, title, url, recipient.
    mail_template: Callable[[str], str] = field(default=lambda stage: "emails/reminders/reminder")
    # Extra names under which templates see the item (e.g. "lead" for templates/emails/leads/).
    item_name: str = "item"
    # Related rows loaded with the items, so that titles cost no query per row.
    select_related: tuple[str, ...] = ()


_SOURCES: dict[str, ReminderSource] = {}


def register_source(source: ReminderSource) -> None:
    _SOURCES[source.model._meta.label_lower] = source


def registered_sources() -> list[ReminderSource]:
    return list(_SOURCES.values())


def source_for(model: type[models.Model]) -> ReminderSource | None:
    return _SOURCES.get(model._meta.label_lower)


def reminder_title(source: ReminderSource, item: models.Model, reminder) -> str:
    """The reminder's line in the active language (e-mail subjects and digests)."""
    from accounts.messages import render_message

    return render_message(**source.message(item, reminder))
