"""The timeline's registry of entry kinds and the one function that writes an entry.

Apps above crm call `register_kind` in their AppConfig.ready() so that the organisation page can
label and icon their entries without importing them. An entry says what happened as a message code with
parameters (accounts.messages), rendered in the reader's language; `detail` carries what a person typed.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.messages import check_message


@dataclass(frozen=True)
class TimelineKind:
    code: str
    label: str
    icon: str  # a short text badge; no icon font is shipped


_KINDS: dict[str, TimelineKind] = {}


def register_kind(code: str, label, icon: str = "•") -> None:
    _KINDS[code] = TimelineKind(code, label, icon)


def kind_for(code: str) -> TimelineKind:
    return _KINDS.get(code, TimelineKind(code, code, "•"))


def registered_kinds() -> list[TimelineKind]:
    return list(_KINDS.values())


for _code, _label, _icon in [
    ("meeting", _("Meeting"), "M"),
    ("call", _("Call"), "P"),
    ("workplace_visit", _("Workplace visit"), "V"),
    ("email", _("E-mail"), "@"),
    ("event", _("Event"), "E"),
    ("delivery", _("Service delivery"), "€"),
    ("agreement", _("Partnership agreement"), "A"),
    ("account_team", _("Account team"), "T"),
    ("contact", _("Contact person"), "C"),
    ("register", _("Customer data"), "R"),
]:
    register_kind(_code, _label, _icon)


def timeline_add(
    *,
    organisation,
    kind: str,
    code: str,
    params: dict | None = None,
    actor=None,
    occurred_at=None,
    detail: str = "",
    source: models.Model | None = None,
    url: str = "",
):
    """Write one timeline entry; returns it."""
    from crm.models import TimelineEntry

    return TimelineEntry.objects.create(
        organisation=organisation,
        kind=kind,
        message_code=code,
        message_params=check_message(code, params),
        detail=detail,
        actor=actor,
        occurred_at=occurred_at or timezone.now(),
        source_type=ContentType.objects.get_for_model(source) if source is not None else None,
        source_id=source.pk if source is not None else None,
        url=url or (source.get_absolute_url() if source is not None and hasattr(source, "get_absolute_url") else ""),
    )


def timeline_update_source(
    *,
    source: models.Model,
    code: str,
    params: dict | None = None,
    occurred_at=None,
    kind: str | None = None,
    detail: str | None = None,
) -> None:
    """Keep an entry in step when its source row is edited (its message is written again, old text cleared)."""
    from crm.models import TimelineEntry

    changes = {"message_code": code, "message_params": check_message(code, params), "summary": ""}
    if detail is not None:
        changes["detail"] = detail
    if occurred_at is not None:
        changes["occurred_at"] = occurred_at
    if kind is not None:
        changes["kind"] = kind
    TimelineEntry.objects.filter(source_type=ContentType.objects.get_for_model(source), source_id=source.pk).update(
        **changes
    )
