"""My work: the account manager's first page, fed by sources that apps register.

An app calls `register_source` in its AppConfig.ready(); each source is a function (user, today) returning
WorkItems due on or before the horizon the page asks for. crm never imports the apps above it.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

HORIZON_DAYS = 7


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
    function: Callable  # (user, today, horizon) -> list[WorkItem]
    order: int = 100


_SOURCES: dict[str, Source] = {}


def register_source(code: str, function: Callable, *, order: int = 100) -> None:
    _SOURCES[code] = Source(code, function, order)


def registered_sources() -> list[Source]:
    return sorted(_SOURCES.values(), key=lambda s: s.order)


def items_for(user, today: datetime.date, horizon: datetime.date) -> list[WorkItem]:
    """Every source's items due up to `horizon`, undated last, oldest due first."""
    items: list[WorkItem] = []
    for source in registered_sources():
        items.extend(source.function(user, today, horizon))
    return sorted(items, key=lambda i: (i.due is None, i.due or datetime.date.max, str(i.title)))


def contacts_due(user, today: datetime.date, horizon: datetime.date) -> list[WorkItem]:
    """Customers whose next contact by their care rhythm is due (Organisation.next_contact_due, kept by segments)."""
    from crm.models import Organisation

    rows = (
        Organisation.objects.filter(
            account_manager=user, is_archived=False, next_contact_due__isnull=False, next_contact_due__lte=horizon
        )
        .only("pk", "name", "next_contact_due")
        .order_by("next_contact_due", "pk")[:200]
    )
    return [
        WorkItem(
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
        for organisation in rows
    ]


register_source("contacts_due", contacts_due, order=40)
