"""crm's scale data, second half: what happens with each organisation (kumppani.bench)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from accounts.messages import build
from crm.bench.shapes import (
    BIG,
    CHUNK,
    DELIVERY_STATUSES,
    INTERACTION_KINDS,
    copy_timeline,
)
from crm.messages import contact_added_message, delivery_message, interaction_message, team_member_message
from crm.models import (
    Contact,
    ContactPreference,
    CustomerGroup,
    Delivery,
    Interaction,
    PartnershipAgreement,
    TimelineEntry,
)
from kumppani.bench.context import json_text
from kumppani.bench.words import (
    FIRST_NAMES,
    LAST_NAMES,
    NOTES,
    SUBJECTS,
)


def generate(ctx, shared, orgs) -> int | None:
    """Contacts, interactions, deliveries, agreements and their timeline, in chunks of organisations; returns a
    typical organisation (three contacts, about twenty interactions, two deliveries)."""
    (
        rng,
        _facts,
        n,
        now,
        today,
        _managers,
        unit_of,
        other_managers,
        service_types,
        types,
        base,
        big_index,
        msg,
        names,
    ) = (
        shared.rng,
        shared.facts,
        shared.n,
        shared.now,
        shared.today,
        shared.managers,
        shared.unit_of,
        shared.other_managers,
        shared.service_types,
        shared.types,
        shared.base,
        shared.big_index,
        shared.msg,
        shared.names,
    )
    contact_id, interaction_id = ctx.next_id(Contact), ctx.next_id(Interaction)
    delivery_id, agreement_id = ctx.next_id(Delivery), ctx.next_id(PartnershipAgreement)
    kinds = [(k, c) for k, c, _w in INTERACTION_KINDS]
    kind_weights = [w for _k, _c, w in INTERACTION_KINDS]
    statuses = [s for s, _w in DELIVERY_STATUSES]
    status_weights = [w for _s, w in DELIVERY_STATUSES]
    added = json_text({})
    typical = None
    with (
        ctx.without_indexes(Contact, Interaction, Delivery, TimelineEntry),
        ctx.step("contacts, interactions, deliveries, timeline"),
    ):
        for start in range(0, n, CHUNK):
            contacts, preferences, interactions, deliveries, agreements, timeline = [], [], [], [], [], []
            for pk, group, manager, created, _archived in orgs[start : start + CHUNK]:
                big = pk == base + big_index
                actor = manager or rng.choice(other_managers)
                span = max(1, (now - created).days)
                timeline.append((pk, created, "register", actor, "crm.organisation_added", added, "", "", None, None))
                if manager:
                    params = msg.get(("team", manager), team_member_message, "manager", names[manager])
                    timeline.append((pk, created, "account_team", actor, "crm.team_member", params, "", "", None, None))
                n_contacts = BIG["contacts"] if big else rng.choice((0, 1, 2, 2, 3, 3, 3, 4, 4, 5, 6))
                org_contacts = []
                for _c in range(n_contacts):
                    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                    at = created + datetime.timedelta(days=rng.randrange(span))
                    contacts.append(
                        (
                            contact_id,
                            pk,
                            first,
                            last,
                            rng.choice(["Toimitusjohtaja", "HR-päällikkö", "Työpaikkaohjaaja", ""]),
                            "",
                            rng.random() < 0.3,
                            f"{first}.{last}.{contact_id}@example.fi".lower(),
                            "040 123 4567",
                            "fi",
                            True,
                            None,
                            None,
                            at,
                        )
                    )
                    if rng.random() < 0.35:
                        preferences.append(
                            (
                                contact_id,
                                ContactPreference.Kind.NEWSLETTERS_AND_CAMPAIGNS,
                                ContactPreference.Status.CONSENTED,
                                at.date(),
                                ContactPreference.Source.ACCOUNT_MANAGER,
                            )
                        )
                    params = msg.get(
                        ("contact", first, last),
                        contact_added_message,
                        Contact(first_name=first, last_name=last),
                    )
                    timeline.append(
                        (pk, at, "contact", actor, "crm.contact_added", params, "", "", types[Contact].pk, contact_id)
                    )
                    org_contacts.append(contact_id)
                    contact_id += 1
                n_interactions = BIG["interactions"] if big else min(150, int(rng.expovariate(1 / 20)))
                for _i in range(n_interactions):
                    kind, channel = rng.choices(kinds, weights=kind_weights)[0]
                    subject = rng.choice(SUBJECTS[kind])
                    at = created + datetime.timedelta(
                        days=rng.randrange(span), seconds=rng.randrange(8 * 3600) + 7 * 3600
                    )
                    notes = rng.choice(NOTES)
                    interactions.append(
                        (interaction_id, pk, kind, channel, at, rng.choice((30, 60, 90)), subject, notes, actor, at)
                    )
                    params = msg.get(
                        ("interaction", kind, subject),
                        interaction_message,
                        Interaction(kind=kind, subject=subject),
                    )
                    timeline.append(
                        (
                            pk,
                            at,
                            kind,
                            actor,
                            "crm.interaction",
                            params,
                            notes,
                            f"/customers/interactions/{interaction_id}/edit/",
                            types[Interaction].pk,
                            interaction_id,
                        )
                    )
                    interaction_id += 1
                n_deliveries = BIG["deliveries"] if big else rng.choice((0, 0, 1, 1, 2, 2, 3, 3, 4, 4))
                for _d in range(n_deliveries):
                    service = rng.choice(service_types)
                    status = rng.choices(statuses, weights=status_weights)[0]
                    start_date = (created + datetime.timedelta(days=rng.randrange(span))).date()
                    end_date = start_date + datetime.timedelta(days=rng.randint(1, 300))
                    if status == Delivery.Status.PLANNED:
                        start_date, end_date = today + datetime.timedelta(days=rng.randint(1, 120)), None
                    completed = (
                        timezone.make_aware(datetime.datetime.combine(min(end_date, today), datetime.time(15)))
                        if status == Delivery.Status.DONE
                        else None
                    )
                    responsible = manager or actor
                    title = f"{service.name_fi} {start_date.year}"
                    deliveries.append(
                        (
                            delivery_id,
                            pk,
                            service.pk,
                            title,
                            responsible,
                            unit_of.get(responsible),
                            start_date,
                            end_date,
                            rng.randint(1, 20),
                            Decimal(rng.randint(1, 40)),
                            Decimal(rng.randint(5, 400) * 100),
                            status,
                            completed,
                            "",
                            responsible,
                            now,
                        )
                    )
                    at = timezone.make_aware(datetime.datetime.combine(start_date, datetime.time(9)))
                    params = msg.get(
                        ("delivery", service.pk, title, status),
                        delivery_message,
                        Delivery(service_type=service, title=title, status=status),
                    )
                    url = f"/customers/deliveries/{delivery_id}/edit/"
                    timeline.append(
                        (
                            pk,
                            at,
                            "delivery",
                            responsible,
                            "crm.delivery",
                            params,
                            "",
                            url,
                            types[Delivery].pk,
                            delivery_id,
                        )
                    )
                    if completed:
                        params = msg.get(("done", title), build, "crm.delivery_completed", title=title)
                        timeline.append(
                            (
                                pk,
                                completed,
                                "delivery",
                                responsible,
                                "crm.delivery_completed",
                                params,
                                "",
                                url,
                                None,
                                None,
                            )
                        )
                    delivery_id += 1
                if group == CustomerGroup.BUSINESS and (big or rng.random() < 0.025):
                    start_date = (created + datetime.timedelta(days=rng.randrange(span))).date()
                    end_date = (
                        None if rng.random() < 0.7 else start_date + datetime.timedelta(days=rng.randint(200, 1500))
                    )
                    title = f"Kumppanuussopimus {start_date.year}"
                    agreements.append((agreement_id, pk, title, start_date, end_date, "", "", actor))
                    at = timezone.make_aware(datetime.datetime.combine(start_date, datetime.time(10)))
                    params = msg.get(("agreement", title), build, "crm.agreement", title=title)
                    timeline.append(
                        (
                            pk,
                            at,
                            "agreement",
                            actor,
                            "crm.agreement",
                            params,
                            "",
                            "",
                            types[PartnershipAgreement].pk,
                            agreement_id,
                        )
                    )
                    agreement_id += 1
                if (
                    typical is None
                    and not big
                    and not _archived
                    and n_contacts == 3
                    and 15 <= n_interactions <= 25
                    and n_deliveries == 2
                    and group == CustomerGroup.BUSINESS
                ):
                    typical = pk
            ctx.copy(
                Contact,
                [
                    "id",
                    "organisation_id",
                    "first_name",
                    "last_name",
                    "title",
                    "work_role",
                    "is_decision_maker",
                    "email",
                    "phone",
                    "language",
                    "is_active",
                    "anonymised_at",
                    "created_by_id",
                    "created_at",
                ],
                contacts,
            )
            ctx.copy(ContactPreference, ["contact_id", "kind", "status", "date", "source"], preferences)
            ctx.copy(
                Interaction,
                [
                    "id",
                    "organisation_id",
                    "kind",
                    "channel",
                    "occurred_at",
                    "duration_minutes",
                    "subject",
                    "notes",
                    "created_by_id",
                    "created_at",
                ],
                interactions,
            )
            ctx.copy(
                Delivery,
                [
                    "id",
                    "organisation_id",
                    "service_type_id",
                    "title",
                    "responsible_id",
                    "unit_id",
                    "start_date",
                    "end_date",
                    "students",
                    "days",
                    "value",
                    "status",
                    "completed_at",
                    "notes",
                    "created_by_id",
                    "created_at",
                ],
                deliveries,
            )
            ctx.copy(
                PartnershipAgreement,
                ["id", "organisation_id", "title", "start_date", "end_date", "document", "notes", "created_by_id"],
                agreements,
            )
            copy_timeline(ctx, timeline)
            ctx.log(f"  crm: {min(start + CHUNK, n)} / {n} organisations")
    return typical
