"""The shapes of crm's scale data: proportions, choices and small helpers (kumppani.bench)."""

from stdnum.fi import ytunnus

from crm.models import (
    CustomerGroup,
    Delivery,
    Interaction,
)
from kumppani.bench.context import json_text

CHUNK = 5000  # organisations per batch of COPY statements
BIG = {"contacts": 60, "deliveries": 150, "interactions": 400}
GROUPS = [
    (CustomerGroup.BUSINESS, 80),
    (CustomerGroup.PUBLIC, 8),
    (CustomerGroup.INDIVIDUAL, 7),
    (CustomerGroup.STAKEHOLDER, 5),
]
INTERACTION_KINDS = [
    (Interaction.Kind.MEETING, Interaction.Channel.IN_PERSON, 30),
    (Interaction.Kind.CALL, Interaction.Channel.PHONE, 30),
    (Interaction.Kind.WORKPLACE_VISIT, Interaction.Channel.IN_PERSON, 20),
    (Interaction.Kind.EMAIL, Interaction.Channel.EMAIL, 15),
    (Interaction.Kind.EVENT, Interaction.Channel.IN_PERSON, 5),
]
DELIVERY_STATUSES = [
    (Delivery.Status.DONE, 70),
    (Delivery.Status.IN_PROGRESS, 10),
    (Delivery.Status.PLANNED, 15),
    (Delivery.Status.CANCELLED, 5),
]
HISTORY_DAYS = 5 * 365


def weighted(rng, pairs):
    values = [p[:-1] if len(p) > 2 else p[0] for p in pairs]
    return rng.choices(values, weights=[p[-1] for p in pairs])[0]


def business_id_values(count: int, rng):
    """Unique valid Y-tunnus values (seven digits and the check digit python-stdnum accepts)."""
    number = 1000000 + rng.randrange(1000)
    while count:
        digits = f"{number:07d}"
        number += 1
        for check in "0123456789":
            if ytunnus.is_valid(digits + check):
                yield f"{digits}-{check}"
                count -= 1
                break


class MessageCache:
    """Timeline parameters built by crm's own message builders, cached per distinct value."""

    def __init__(self):
        self.cache: dict = {}

    def get(self, key, make, *args, **kwargs):
        if key not in self.cache:
            self.cache[key] = json_text(make(*args, **kwargs)["params"])
        return self.cache[key]


TIMELINE_FIELDS = [
    "organisation_id",
    "occurred_at",
    "kind",
    "actor_id",
    "message_code",
    "message_params",
    "detail",
    "url",
    "source_type_id",
    "source_id",
]


def copy_timeline(ctx, rows) -> int:
    """COPY timeline entries: (organisation, when, kind, actor, code, params JSON, detail, url, source type, id)."""
    from crm.models import TimelineEntry

    return ctx.copy(TimelineEntry, TIMELINE_FIELDS, rows)
