"""leads' part of the scale data and benchmark (kumppani.bench): per 100,000 organisations 50,000 leads with
their history and 50,000 offers with their lines; the lead pages and the teacher's autocomplete."""

import datetime
from decimal import Decimal

from django.utils import timezone

from accounts.bench import user_from_facts
from accounts.models import User
from crm.bench.shapes import copy_timeline
from crm.models import Organisation, ServiceType
from kumppani.bench.context import json_text
from kumppani.bench.registry import Targets, register_generator, register_page
from leads.messages import event_on_timeline, passed_message
from leads.models import Lead, LeadEvent, Need, Offer, OfferLine

STATES = [
    (Lead.State.NEW, 5),
    (Lead.State.ASSIGNED, 10),
    (Lead.State.CONTACTED, 10),
    (Lead.State.QUALIFIED, 5),
    (Lead.State.CONVERTED, 40),
    (Lead.State.CLOSED, 30),
]
OFFER_STATES = [
    (Offer.State.DRAFT, 10),
    (Offer.State.SENT, 20),
    (Offer.State.ACCEPTED, 40),
    (Offer.State.REJECTED, 20),
    (Offer.State.EXPIRED, 10),
]


def generate(ctx) -> None:
    rng = ctx.rng("leads")
    facts = ctx.facts
    now, today = timezone.now(), timezone.localdate()
    first, last = facts["organisation_ids"]
    managers = dict(Organisation.objects.filter(pk__gte=first, pk__lte=last).values_list("pk", "account_manager_id"))
    units = dict(User.objects.filter(pk__in=facts["managers"]).values_list("pk", "primary_unit_id"))
    teachers = User.objects.in_bulk(facts["teachers"])
    service_types = list(ServiceType.objects.values_list("pk", "name_fi"))
    states, state_weights = zip(*STATES, strict=True)
    offer_states, offer_weights = zip(*OFFER_STATES, strict=True)
    lead_id, offer_id = ctx.next_id(Lead), ctx.next_id(Offer)
    leads, events, timeline, offers, lines = [], [], [], [], []
    cache: dict = {}
    for _n in range(ctx.scaled(50_000, minimum=5)):
        org = rng.randint(first, last)
        teacher = rng.choice(facts["teachers"])
        need = rng.choice(Need.values)
        state = rng.choices(states, weights=state_weights)[0]
        created = now - datetime.timedelta(days=rng.randrange(730), seconds=rng.randrange(86400))
        assignee = managers[org] or (rng.choice(facts["managers"]) if state != Lead.State.NEW else None)
        contacted = state not in Lead.UNCONTACTED_STATES
        due = created.date() + datetime.timedelta(days=5)
        leads.append(
            (
                lead_id,
                org,
                "",
                "",
                need,
                "Tarve huomattu työpaikkakäynnillä.",
                "",
                "",
                rng.choice(Lead.Urgency.values),
                created.date(),
                state,
                rng.choice(Lead.CloseReason.values) if state == Lead.State.CLOSED else "",
                Lead.ConvertedTo.OFFER if state == Lead.State.CONVERTED else "",
                None,
                teacher,
                assignee,
                units.get(assignee) or facts["units"][0],
                created,
                created if assignee else None,
                created + datetime.timedelta(days=2) if contacted else None,
                created + datetime.timedelta(days=20) if state in (Lead.State.CONVERTED, Lead.State.CLOSED) else None,
                due,
                due + datetime.timedelta(days=5),
            )
        )
        key = (need, teacher)
        if key not in cache:
            message = passed_message(Lead(need=need), teachers[teacher])
            cache[key] = (json_text(message["params"]), json_text(event_on_timeline(message)["params"]))
        event_params, timeline_params = cache[key]
        events.append((lead_id, created, teacher, Lead.State.NEW, "leads.passed", event_params, "", ""))
        timeline.append(
            (org, created, "lead", teacher, "leads.event", timeline_params, "", f"/leads/{lead_id}/", None, None)
        )
        lead_id += 1
    for _n in range(ctx.scaled(50_000, minimum=5)):
        org = rng.randint(first, last)
        responsible = managers[org] or rng.choice(facts["managers"])
        state = rng.choices(offer_states, weights=offer_weights)[0]
        created = now - datetime.timedelta(days=rng.randrange(730), seconds=rng.randrange(86400))
        total = Decimal(0)
        for order in range(rng.choice((1, 1, 2))):
            service, name = rng.choice(service_types)
            price = Decimal(rng.randint(10, 300) * 100)
            lines.append((offer_id, service, name, Decimal(1), price, order))
            total += price
        offers.append(
            (
                offer_id,
                org,
                None,
                f"Tarjous {created.year}-{offer_id}",
                responsible,
                units.get(responsible),
                (created + datetime.timedelta(days=30)).date()
                if state != Offer.State.SENT
                else today + datetime.timedelta(days=20),
                state,
                total,
                "",
                None,
                responsible,
                created,
                created if state != Offer.State.DRAFT else None,
                created + datetime.timedelta(days=15) if state in ("accepted", "rejected", "expired") else None,
            )
        )
        offer_id += 1
    with ctx.step("leads and offers"):
        ctx.copy(
            Lead,
            [
                "id",
                "organisation_id",
                "new_organisation_name",
                "new_business_id",
                "need",
                "description",
                "contact_name",
                "contact_details",
                "urgency",
                "visited_on",
                "state",
                "close_reason",
                "converted_to",
                "delivery_id",
                "passed_by_id",
                "assignee_id",
                "unit_id",
                "created_at",
                "assigned_at",
                "contacted_at",
                "closed_at",
                "contact_due_on",
                "escalate_on",
            ],
            leads,
        )
        ctx.copy(
            LeadEvent, ["lead_id", "occurred_at", "actor_id", "state", "code", "params", "summary", "note"], events
        )
        copy_timeline(ctx, timeline)
        ctx.copy(
            Offer,
            [
                "id",
                "organisation_id",
                "lead_id",
                "title",
                "responsible_id",
                "unit_id",
                "valid_until",
                "state",
                "total",
                "notes",
                "delivery_id",
                "created_by_id",
                "created_at",
                "sent_at",
                "decided_at",
            ],
            offers,
        )
        ctx.copy(OfferLine, ["offer_id", "service_type_id", "description", "quantity", "unit_price", "order"], lines)
    ctx.finish()


def register() -> None:
    register_generator("leads", order=30, fn=generate)
    manager, teacher, management = (
        user_from_facts("managers", -1),
        user_from_facts("teachers", 0),
        user_from_facts("management", 0),
    )
    page = lambda name, url, who, targets=None, **kw: register_page(name, url, who, targets, app="leads", **kw)  # noqa: E731
    page("lead list", "/leads/", manager)
    page("triage queue", "/leads/triage/", manager)
    page("offer list", "/leads/offers/", manager)
    page("My leads (teacher)", "/leads/mine/", teacher)
    page("pass a lead (teacher's form)", "/leads/new/", teacher)
    page(
        "organisation autocomplete",
        lambda ctx: f"/leads/organisations/?q={ctx.facts['common_word'][:5].lower()}",
        teacher,
        Targets(p95_ms=10),
        headers={"HX-Request": "true"},
    )
    page("lead statistics", "/leads/statistics/", management, Targets(p95_ms=150))
