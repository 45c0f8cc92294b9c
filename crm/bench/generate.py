"""crm's part of the scale data (kumppani.bench): organisations, contacts, interactions with their
timeline entries, deliveries, agreements and account teams; the register's pages.

Per 100,000 organisations: 300,000 contacts, 2,000,000 interactions, 200,000 deliveries. One word
(words.COMMON_WORD) is in ~2.5 % of the names and another (RARE_WORD) in one per 10,000. One "big" customer has
60 contacts, 150 deliveries and 400 interactions. The size class is computed by the register's own rule
(kumppani.lib.size_class) and checked by its rebuild service; the last contact is filled by the rebuild service.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from accounts.models import User
from crm import services
from crm.bench import activity
from crm.bench.shapes import (
    GROUPS,
    HISTORY_DAYS,
    MessageCache,
    business_id_values,
    weighted,
)
from crm.models import (
    AccountTeamAssignment,
    Contact,
    CustomerGroup,
    Delivery,
    Industry,
    Interaction,
    Municipality,
    OperatingForm,
    Organisation,
    PartnershipAgreement,
    RegisterSettings,
    ServiceType,
)
from kumppani.bench.words import (
    COMMON_WORD,
    FIRST_NAMES,
    LAST_NAMES,
    NAME_SUFFIXES,
    NAME_WORDS,
    PLACE_WORDS,
    RARE_WORD,
)
from kumppani.lib.size_class import size_class as compute_size_class


def generate(ctx) -> None:
    rng = ctx.rng("crm")
    facts = ctx.facts
    n = ctx.organisations
    now = timezone.now()
    today = timezone.localdate()
    managers, manager_units = facts["managers"], facts["manager_units"]
    unit_of = dict(zip(managers, manager_units, strict=True))
    other_managers = managers[1:] or managers
    municipalities = list(Municipality.objects.values_list("pk", "is_owner"))
    owner_municipalities = [pk for pk, owner in municipalities if owner] or [pk for pk, _ in municipalities]
    all_municipalities = [pk for pk, _ in municipalities]
    divisions = list(Industry.objects.filter(level=Industry.Level.DIVISION).values_list("pk", flat=True))
    service_types = list(ServiceType.objects.all())
    types = ContentType.objects.get_for_models(Interaction, Contact, Delivery, PartnershipAgreement)
    base = ctx.next_id(Organisation)
    big_index = n // 2
    rare = set(rng.sample(range(n), max(1, n // 10000)))
    big_customers = set(rng.sample(range(n), facts["big_manager_customers"]))
    business_ids = business_id_values(n, rng)
    msg = MessageCache()
    micro_limit = RegisterSettings.load().micro_headcount_limit
    names = User.objects.in_bulk(managers)
    shared = SimpleNamespace(
        rng=rng,
        facts=facts,
        n=n,
        now=now,
        today=today,
        managers=managers,
        unit_of=unit_of,
        other_managers=other_managers,
        service_types=service_types,
        types=types,
        base=base,
        big_index=big_index,
        msg=msg,
        names=names,
    )

    # Organisations ---------------------------------------------------------------------------------------
    orgs = []  # (id, group, manager, created_at, archived)
    org_rows = []
    for index in range(n):
        pk = base + index
        group = CustomerGroup.BUSINESS if index == big_index else weighted(rng, GROUPS)
        words = [rng.choice(NAME_WORDS)]
        if rng.random() < 0.025:
            words.append(COMMON_WORD)
        if index in rare:
            words.append(RARE_WORD)
        if group == CustomerGroup.PUBLIC:
            name = f"{rng.choice(PLACE_WORDS)} {' '.join(words).lower()}palvelut"
        elif group == CustomerGroup.INDIVIDUAL:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            if len(words) > 1:
                name += f" ({' '.join(words[1:])})"
        elif group == CustomerGroup.STAKEHOLDER:
            name = f"{rng.choice(PLACE_WORDS)} {' '.join(words)} ry"
        else:
            place, tail = rng.choice([*PLACE_WORDS[:6], ""]), rng.choice(["", "tekniikka", "palvelu", "työ"])
            name = f"{place} {' '.join(words)}{tail} {rng.choice(NAME_SUFFIXES)}".strip()
        if index == big_index:
            name = f"Suuri {COMMON_WORD}konserni Oyj"
        if index in big_customers:
            manager = managers[0]
        elif group in (CustomerGroup.INDIVIDUAL, CustomerGroup.STAKEHOLDER) and rng.random() < 0.5:
            manager = None
        else:
            manager = rng.choice(other_managers) if rng.random() < 0.92 else None
        needs_unit = group in (CustomerGroup.BUSINESS, CustomerGroup.PUBLIC)
        unit = unit_of.get(manager) or (facts["units"][0] if needs_unit else None)
        headcount = int(rng.paretovariate(1.2) * 3) if group == CustomerGroup.BUSINESS else None
        turnover = Decimal(headcount * rng.randint(60, 200) * 1000) if headcount and rng.random() < 0.7 else None
        created = now - datetime.timedelta(days=rng.randrange(HISTORY_DAYS), seconds=rng.randrange(86400))
        archived = index != big_index and rng.random() < 0.01
        form = {
            CustomerGroup.BUSINESS: rng.choice([OperatingForm.LIMITED_COMPANY] * 6 + [OperatingForm.PARTNERSHIP]),
            CustomerGroup.PUBLIC: OperatingForm.MUNICIPALITY,
            CustomerGroup.STAKEHOLDER: OperatingForm.ASSOCIATION,
        }.get(group, "")
        municipality = rng.choice(owner_municipalities if rng.random() < 0.6 else all_municipalities)
        orgs.append((pk, group, manager, created, archived))
        org_rows.append(
            (
                pk,
                name,
                next(business_ids) if needs_unit else "",
                group,
                form,
                rng.choice(divisions) if group == CustomerGroup.BUSINESS else None,
                headcount,
                turnover,
                compute_size_class(headcount, turnover, micro_limit),
                municipality,
                f"{rng.choice(LAST_NAMES)}nkatu {rng.randint(1, 60)}",
                f"{rng.randint(100, 999)}00",
                "",
                "",
                Organisation.Status.ACTIVE if rng.random() < 0.9 else Organisation.Status.PASSIVE,
                Organisation.Relation.DIRECT,
                None,
                "",
                unit,
                manager,
                rng.choice(other_managers) if manager and rng.random() < 0.3 else None,
                "",
                archived,
                created,
                now,
            )
        )
    fields = [
        "id",
        "name",
        "business_id",
        "customer_group",
        "operating_form",
        "industry_id",
        "headcount",
        "turnover",
        "size_class",
        "municipality_id",
        "street_address",
        "postal_code",
        "post_office",
        "website",
        "status",
        "relation",
        "direct_customer_id",
        "description",
        "responsible_unit_id",
        "account_manager_id",
        "deputy_manager_id",
        "segment",
        "is_archived",
        "created_at",
        "updated_at",
    ]
    with ctx.without_indexes(Organisation), ctx.step("organisations"):
        ctx.copy(Organisation, fields, org_rows)
    deputies = {row[0]: row[20] for row in org_rows}
    del org_rows

    # Account teams and the organisations' first timeline entries ----------------------------------------
    with ctx.step("account teams"):
        team_rows = []
        for pk, _group, manager, created, _archived in orgs:
            if manager:
                team_rows.append((pk, manager, AccountTeamAssignment.Role.MANAGER, created, None, None))
            if deputies[pk]:
                team_rows.append((pk, deputies[pk], AccountTeamAssignment.Role.DEPUTY, created, None, None))
        ctx.copy(
            AccountTeamAssignment,
            ["organisation_id", "user_id", "role", "valid_from", "valid_to", "assigned_by_id"],
            team_rows,
        )
        del team_rows
    typical = activity.generate(ctx, shared, orgs)
    facts.update(
        organisation_ids=[base, base + n - 1],
        big_organisation=base + big_index,
        typical_organisation=typical or base + (1 if big_index != 1 else 2),
        common_word=COMMON_WORD,
        rare_word=RARE_WORD,
        business_id=Organisation.objects.filter(pk__gte=base)
        .exclude(business_id="")
        .values_list("business_id", flat=True)
        .order_by("pk")[n // 3 : n // 3 + 1][0],
    )
    ctx.finish()
    # The stored fields, by the register's own rebuild services; the organisations' indexes (a trigram one
    # among them) are built once afterwards rather than kept up to date row by row.
    with ctx.without_indexes(Organisation):
        with ctx.step("size classes (crm.services.organisation_rebuild_size_classes)"):
            services.organisation_rebuild_size_classes()
        with ctx.step("last contacts (crm.services.organisation_rebuild_last_contacts)"):
            services.organisation_rebuild_last_contacts()
