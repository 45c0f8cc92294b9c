"""My work: the account manager's first page, fed by sources that apps register.

An app calls `register_source` in its AppConfig.ready(); crm never imports the apps above it. A source is a query,
not a list: the page shows ~25 rows a section out of what can be thousands (a manager with 5,000 customers), so
the frame asks each source for keys only (id, due date, the section's count) in one statement for all sources,
merges them, and builds WorkItems only for the rows shown (one query per source that has rows on the page).

    register_source(
        "follow_ups",
        rows=lambda user, horizon: FollowUp.objects.filter(owner=user, ...).select_related("organisation"),
        item=lambda row: WorkItem(...),
        due="due_date",  # a field name or an expression; NULL puts the row under "Open, no date"
        order=10,
    )

`rows(user, horizon)` returns the user's open items due on or before `horizon` or undated, with what `item` needs
(select_related/only/prefetch_related); `item(row)` builds one WorkItem. The older form, a function
(user, today, horizon) returning a list of WorkItems, still works but builds every item of every visit: a
source with more than a few rows a person should move to the query form.
"""

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, DateField, ExpressionWrapper, F, IntegerField, QuerySet, Value, When
from django.db.models.expressions import Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

HORIZON_DAYS = 7
# Sections in the order the page shows them; an item's section follows from its due date and today.
SECTIONS = ("overdue", "today", "upcoming", "undated")
# Rows an old-style (list) source may return; query sources have no cap (their counts are exact).
LIST_SOURCE_LIMIT = 200


@dataclass(frozen=True)
class WorkItem:
    title: str
    due: datetime.date | None
    kind: str  # a short code, e.g. "follow_up"
    kind_label: str
    url: str
    organisation: object | None = None  # an Organisation (id and name are enough)
    done_url: str = ""  # where the one click goes
    done_label: str = ""
    done_method: str = "post"  # "post": the click completes the item; "get": it opens the form that does


@dataclass(frozen=True)
class Source:
    code: str
    order: int = 100
    rows: Callable[[Any, datetime.date], QuerySet] | None = None  # (user, horizon) -> QuerySet
    item: Callable[[Any], WorkItem] | None = None  # (row) -> WorkItem
    due: Any = "due_date"  # field name or expression: the date the row is due by
    function: Callable | None = None  # the older form: (user, today, horizon) -> list[WorkItem]


_SOURCES: dict[str, Source] = {}


def register_source(
    code: str,
    function: Callable | None = None,
    *,
    rows: Callable | None = None,
    item: Callable | None = None,
    due: Any = "due_date",
    order: int = 100,
) -> None:
    if (function is None) == (rows is None) or (rows is not None and item is None):
        raise ValueError(f"My work source {code!r}: give either rows= and item=, or a list function")
    _SOURCES[code] = Source(code, order, rows, item, due, function)


def registered_sources() -> list[Source]:
    return sorted(_SOURCES.values(), key=lambda s: s.order)


def section_of(due: datetime.date | None, today: datetime.date) -> str:
    if due is None:
        return "undated"
    return "overdue" if due < today else "today" if due == today else "upcoming"


def _sort_key(due: datetime.date | None, order: int, pk) -> tuple:
    """Undated last, oldest due first; within a day by source, then by row (stable across pages)."""
    return (due is None, due or datetime.date.max, order, pk)


@dataclass
class _Key:
    source: Source
    pk: Any
    due: datetime.date | None
    row: Any = None  # the fetched row (query sources)
    item: WorkItem | None = None  # the built item


class WorkBoard:
    """One user's My work on one day: each section's count and any slice of its rows.

    One query per query source, however many rows it has: its rows ranked within their section by a window,
    the first `limit` of each section fetched whole, and each section's count beside them. Items are built only
    for the rows a page shows.
    """

    def __init__(self, user, today: datetime.date, horizon: datetime.date) -> None:
        self.user, self.today, self.horizon = user, today, horizon
        self.sources = registered_sources()
        self._keys: dict[str, list[_Key]] = {}
        self._limit: dict[str, int] = {}
        self._counts: dict[str, int] = {}
        self._list_items: dict[str, list[tuple[Source, WorkItem]]] | None = None

    def counts(self) -> dict[str, int]:
        missing = [section for section in SECTIONS if section not in self._counts]
        if missing:
            self.load(missing, 0)
        return self._counts

    def load(self, sections: Iterable[str], limit: int) -> None:
        """Fetch the first `limit` rows of each of `sections` from every source, and those sections' counts."""
        sections = tuple(sections)
        counts = dict.fromkeys(sections, 0)
        keys: dict[str, list[_Key]] = {code: [] for code in sections}
        for source in self.sources:
            if source.rows is None:
                continue
            for row in self._ranked(source, sections, limit):
                section = SECTIONS[row.work_section]
                if row.work_rank == 1:
                    counts[section] += row.work_count
                if row.work_rank <= limit:
                    keys[section].append(_Key(source, row.pk, row.work_due, row=row))
        for section, items in self._list_source_items().items():
            if section in keys:
                counts[section] += len(items)
                keys[section].extend(_Key(source, 0, item.due, item=item) for source, item in items)
        for section, section_keys in keys.items():
            section_keys.sort(key=lambda k: _sort_key(k.due, k.source.order, k.pk))
            self._keys[section], self._limit[section] = section_keys, limit
        self._counts.update(counts)

    def _ranked(self, source: Source, sections: tuple[str, ...], limit: int) -> QuerySet:
        due = F(source.due) if isinstance(source.due, str) else source.due
        today = self.today
        section = Case(
            When(work_due__isnull=True, then=Value(SECTIONS.index("undated"))),
            When(work_due__lt=today, then=Value(SECTIONS.index("overdue"))),
            When(work_due=today, then=Value(SECTIONS.index("today"))),
            default=Value(SECTIONS.index("upcoming")),
            output_field=IntegerField(),
        )
        queryset = (
            source.rows(self.user, self.horizon)
            .annotate(work_due=ExpressionWrapper(due, output_field=DateField()))
            .annotate(work_section=section)
        )
        if len(sections) < len(SECTIONS):
            queryset = queryset.filter(work_section__in=[SECTIONS.index(code) for code in sections])
        return (
            queryset.annotate(
                work_count=Window(Count("pk"), partition_by=[F("work_section")]),
                work_rank=Window(
                    RowNumber(), partition_by=[F("work_section")], order_by=[F("work_due").asc(), F("pk").asc()]
                ),
            )
            # Each section's first row carries its count; rows past the limit are never sent.
            .filter(work_rank__lte=max(limit, 1))
            .order_by()
        )

    def _list_source_items(self) -> dict[str, list[tuple[Source, WorkItem]]]:
        if self._list_items is None:
            self._list_items = {code: [] for code in SECTIONS}
            for source in self.sources:
                if source.function is None:
                    continue
                for item in source.function(self.user, self.today, self.horizon)[:LIST_SOURCE_LIMIT]:
                    self._list_items[section_of(item.due, self.today)].append((source, item))
        return self._list_items

    def rows(self, section: str, start: int, stop: int) -> list[WorkItem]:
        """Items `start:stop` of `section` in the page's order; only these are built."""
        if self._limit.get(section, -1) < stop:
            self.load([section], stop)
        chosen = self._keys[section][start:stop]
        for key in chosen:
            if key.item is None:
                key.item = key.source.item(key.row)
        return [key.item for key in chosen]


class SectionItems(Sequence):
    """One section as a sequence the paginator can count and slice: the page's slice alone is built."""

    def __init__(self, board: WorkBoard, section: str) -> None:
        self.board, self.section = board, section

    def __len__(self) -> int:
        return self.board.counts()[self.section]

    def count(self) -> int:  # Paginator prefers count() to len()
        return len(self)

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, _step = index.indices(len(self))
            return self.board.rows(self.section, start, stop)
        return self.board.rows(self.section, index, index + 1)[0]


def items_for(user, today: datetime.date, horizon: datetime.date) -> list[WorkItem]:
    """Every source's items due up to `horizon`, undated last, oldest due first (for tests and small users)."""
    board = WorkBoard(user, today, horizon)
    board.load(SECTIONS, 10**6)
    counts = board.counts()
    return [item for section in SECTIONS for item in board.rows(section, 0, counts[section])]


# crm's own source --------------------------------------------------------------------------------------------


def _contacts_due_rows(user, horizon: datetime.date) -> QuerySet:
    """Customers whose next contact by their care rhythm is due (Organisation.next_contact_due, kept by segments)."""
    from crm.models import Organisation

    return Organisation.objects.filter(
        account_manager=user, is_archived=False, next_contact_due__isnull=False, next_contact_due__lte=horizon
    ).only("pk", "name", "next_contact_due")


def _contact_due_item(organisation) -> WorkItem:
    return WorkItem(
        title=str(_("Contact %(name)s") % {"name": organisation.name}),
        due=organisation.next_contact_due,
        kind="contact_due",
        kind_label=str(_("Contact due")),
        url=organisation.get_absolute_url(),
        organisation=organisation,
        done_url=reverse("crm:interaction_create", args=[organisation.pk]),
        done_label=str(_("Log the contact")),
        done_method="get",
    )


register_source("contacts_due", rows=_contacts_due_rows, item=_contact_due_item, due="next_contact_due", order=40)
