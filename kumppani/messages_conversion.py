"""Rows written as translated text before message codes existed, converted to codes (`manage.py messages_to_codes`).

Each table's unconverted rows (an empty code) are read in primary-key order, a batch per transaction, locked while
they are converted. A row's possible sentences come from its source row, found through its generic link, its URL
(a lead, an offer, a delivery, a follow-up, a care plan or its action) or, for a lead event, its lead; they are built
by the same builders the services write with. `accounts.message_parsing` reads the old text against them in fi, en
and sv, so the parameters are those of the time of writing. A row whose text matches gets that code and those
parameters; one whose source is gone, or whose text matches nothing, gets the code LEGACY and keeps its text, shown
as it is. Each batch commits on its own: an interrupted run resumes with the rows still unconverted.

This module imports every app, which is why it lives in the project package.
"""

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.urls import Resolver404, resolve

from accounts.message_parsing import parse_any
from accounts.messages import LEGACY
from accounts.notifications import Notification
from care_plans import messages as care_messages
from care_plans.models import CarePlan, FollowUp, Meeting, PlanAction, SteeringGroup
from crm import messages as crm_messages
from crm.models import Contact, Delivery, Interaction, PartnershipAgreement, TimelineEntry
from leads import messages as lead_messages
from leads.models import Lead, LeadEvent, Offer
from segments.messages import changed_message
from segments.models import Segment, SegmentChange, SegmentReview

BATCH_SIZE = 10_000

# Pages that old rows link to, and the row each one shows.
URL_SOURCES: dict[str, type[models.Model]] = {
    "crm:delivery_edit": Delivery,
    "crm:interaction_edit": Interaction,
    "leads:lead_detail": Lead,
    "leads:offer_detail": Offer,
    "care_plans:followup_detail": FollowUp,
    "care_plans:plan_detail": CarePlan,
    "care_plans:group_detail": SteeringGroup,
    "care_plans:meeting_detail": Meeting,
}
# What the candidates of each source read, loaded with it.
RELATED: dict[type[models.Model], tuple[str, ...]] = {
    Delivery: ("service_type",),
    Lead: ("organisation", "passed_by", "assignee", "unit"),
    FollowUp: ("step", "delivery", "owner", "organisation"),
    CarePlan: ("organisation", "owner"),
    PlanAction: ("organisation", "owner"),
    Meeting: ("group",),
}


def _timeline_candidates(source, segments: dict[str, Segment]) -> list[dict]:
    if isinstance(source, Interaction):
        return [crm_messages.interaction_message(source)]
    if isinstance(source, Delivery):
        return [crm_messages.delivery_message(source), crm_messages.delivery_completed_message(source)]
    if isinstance(source, PartnershipAgreement):
        return [crm_messages.agreement_message(source)]
    if isinstance(source, Contact):
        return [crm_messages.contact_added_message(source)]
    if isinstance(source, Offer):
        return lead_messages.offer_prototypes(source)
    if isinstance(source, Lead):
        return [lead_messages.event_on_timeline(event) for event in lead_messages.event_prototypes(source)]
    if isinstance(source, SegmentChange):
        return [changed_message(source.from_code, source.to_code, segments)]
    if isinstance(source, SegmentReview):
        return [{"code": "segments.agreement_ended", "params": {}}]
    if isinstance(source, FollowUp):
        return care_messages.follow_up_prototypes(source)
    if isinstance(source, CarePlan):
        return care_messages.plan_prototypes(source)
    if isinstance(source, PlanAction):
        return [care_messages.action_done_message(source)]
    if isinstance(source, SteeringGroup):
        return [care_messages.group_founded_message(source)]
    if isinstance(source, Meeting):
        return [care_messages.meeting_message(source)]
    return []


def _notification_candidates(source, segments: dict[str, Segment]) -> list[dict]:
    if isinstance(source, Lead):
        return lead_messages.notification_prototypes(source)
    if isinstance(source, FollowUp | CarePlan | PlanAction):
        return care_messages.reminder_prototypes(source)
    return []


def _url_reference(url: str) -> tuple[type[models.Model], int] | None:
    """The (model, pk) a stored link points at, or None when it is not one of URL_SOURCES."""
    parts = urlsplit(url)
    if parts.fragment.startswith("action-") and parts.fragment[7:].isdigit():
        return PlanAction, int(parts.fragment[7:])
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    model = URL_SOURCES.get(match.view_name)
    pk = match.kwargs.get("pk")
    return (model, int(pk)) if model is not None and pk is not None else None


@dataclass
class Table:
    """One kind of row to convert: where its code, parameters and old text are, and how it finds its source."""

    label: str
    model: type[models.Model]
    code_field: str
    params_field: str
    text_field: str
    reference: Callable  # row -> (model, pk) | None, or the string "none" when the row never had a source
    candidates: Callable  # (source, segments) -> prototypes
    sourceless: Callable = list  # () -> prototypes of rows that never had a source
    select_related: tuple[str, ...] = ()


def _timeline_reference(entry: TimelineEntry):
    if entry.source_type_id:
        model = ContentType.objects.get_for_id(entry.source_type_id).model_class()
        return (model, entry.source_id) if model is not None else None
    if entry.url:
        return _url_reference(entry.url)
    return "none"


TABLES = [
    # Follow-up titles first: the timeline's and reminders' sentences embed them.
    Table(
        "follow-up titles",
        FollowUp,
        "title_code",
        "title_params",
        "title",
        reference=lambda row: (FollowUp, row.pk),
        candidates=lambda source, segments: care_messages.follow_up_title_prototypes(source),
    ),
    Table(
        "lead events",
        LeadEvent,
        "code",
        "params",
        "summary",
        reference=lambda row: (Lead, row.lead_id),
        candidates=lambda source, segments: lead_messages.event_prototypes(source),
    ),
    Table(
        "timeline entries",
        TimelineEntry,
        "message_code",
        "message_params",
        "summary",
        reference=_timeline_reference,
        candidates=_timeline_candidates,
        sourceless=crm_messages.sourceless_prototypes,
    ),
    Table(
        "notifications",
        Notification,
        "code",
        "params",
        "text",
        reference=lambda row: _url_reference(row.url) if row.url else None,
        candidates=_notification_candidates,
    ),
]


def _load_sources(references: Iterable) -> dict:
    wanted: dict[type[models.Model], set[int]] = defaultdict(set)
    for reference in references:
        if isinstance(reference, tuple):
            wanted[reference[0]].add(reference[1])
    found = {}
    for model, pks in wanted.items():
        for pk, obj in model.objects.select_related(*RELATED.get(model, ())).in_bulk(pks).items():
            found[(model, pk)] = obj
    return found


def convert_row(table: Table, row, reference, sources: dict, segments: dict) -> dict | None:
    """The message an old row says, or None when it must stay legacy."""
    text = getattr(row, table.text_field)
    if reference == "none":
        return parse_any(text, table.sourceless())
    source = sources.get(reference) if reference else None
    if source is None:
        return None  # its source is gone: nothing to read it against
    return parse_any(text, table.candidates(source, segments))


def convert_table(table: Table, *, batch_size: int = BATCH_SIZE, report: Callable = print) -> Counter:
    """Convert the table's unconverted rows batch by batch; returns how many got a code and how many stay legacy."""
    counts: Counter = Counter()
    segments = Segment.objects.in_bulk(field_name="code")
    last_pk = 0
    while True:
        with transaction.atomic():
            rows = list(
                table.model.objects.select_for_update()
                .filter(**{table.code_field: ""}, pk__gt=last_pk)
                .order_by("pk")[:batch_size]
            )
            if not rows:
                return counts
            references = {row.pk: table.reference(row) for row in rows}
            sources = _load_sources(references.values())
            for row in rows:
                message = convert_row(table, row, references[row.pk], sources, segments)
                if message is None:
                    setattr(row, table.code_field, LEGACY)
                    setattr(row, table.params_field, {})
                    counts["legacy"] += 1
                else:
                    setattr(row, table.code_field, message["code"])
                    setattr(row, table.params_field, message["params"])
                    counts["coded"] += 1
            table.model.objects.bulk_update(rows, [table.code_field, table.params_field], batch_size=1000)
        last_pk = rows[-1].pk
        report(f"{table.label}: {counts['coded']} with a code, {counts['legacy']} kept as written so far")


def convert_all(*, batch_size: int = BATCH_SIZE, report: Callable = print) -> dict[str, Counter]:
    return {table.label: convert_table(table, batch_size=batch_size, report=report) for table in TABLES}
