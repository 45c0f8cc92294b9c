"""crm's part of the scale data and benchmark (kumppani.bench): organisations, contacts, interactions with their
timeline entries, deliveries, agreements and account teams; the register's pages.

Per 100,000 organisations: 300,000 contacts, 2,000,000 interactions, 200,000 deliveries. One word
(words.COMMON_WORD) is in ~2.5 % of the names and another (RARE_WORD) in one per 10,000. One "big" customer has
60 contacts, 150 deliveries and 400 interactions. The size class is computed by the register's own rule
(kumppani.lib.size_class) and checked by its rebuild service; the last contact is filled by the rebuild service.
"""

import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from stdnum.fi import ytunnus

from accounts.messages import build
from accounts.models import User
from crm import services
from crm.messages import contact_added_message, delivery_message, interaction_message, team_member_message
from crm.models import (
    AccountTeamAssignment,
    Contact,
    ContactPreference,
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
    TimelineEntry,
)
from kumppani.bench.context import json_text
from kumppani.bench.registry import FIRST_BYTE, Targets, register_generator, register_page
from kumppani.bench.words import (
    COMMON_WORD,
    FIRST_NAMES,
    LAST_NAMES,
    NAME_SUFFIXES,
    NAME_WORDS,
    NOTES,
    PLACE_WORDS,
    RARE_WORD,
    SUBJECTS,
)
from kumppani.lib.size_class import size_class as compute_size_class

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


def _weighted(rng, pairs):
    values = [p[:-1] if len(p) > 2 else p[0] for p in pairs]
    return rng.choices(values, weights=[p[-1] for p in pairs])[0]


def _business_ids(count: int, rng):
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


class _Messages:
    """Timeline parameters built by crm's own message builders, cached per distinct value."""

    def __init__(self):
        self.cache: dict = {}

    def get(self, key, make, *args, **kwargs):
        if key not in self.cache:
            self.cache[key] = json_text(make(*args, **kwargs)["params"])
        return self.cache[key]


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
    business_ids = _business_ids(n, rng)
    msg = _Messages()
    micro_limit = RegisterSettings.load().micro_headcount_limit
    names = User.objects.in_bulk(managers)

    # Organisations ---------------------------------------------------------------------------------------
    orgs = []  # (id, group, manager, created_at, archived)
    org_rows = []
    for index in range(n):
        pk = base + index
        group = CustomerGroup.BUSINESS if index == big_index else _weighted(rng, GROUPS)
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

    # Contacts, interactions, deliveries, agreements and their timeline, in chunks of organisations ---------
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
            ctx.copy(
                TimelineEntry,
                [
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
                ],
                timeline,
            )
            ctx.log(f"  crm: {min(start + CHUNK, n)} / {n} organisations")
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
    # The stored fields, by the register's own rebuild services.
    with ctx.step("size classes (crm.services.organisation_rebuild_size_classes)"):
        services.organisation_rebuild_size_classes()
    with ctx.step("last contacts (crm.services.organisation_rebuild_last_contacts)"):
        services.organisation_rebuild_last_contacts()


# Pages ----------------------------------------------------------------------------------------------------


def _user(key: str, index: int | None = None):
    def pick(ctx):
        value = ctx.facts[key]
        return User.objects.get(pk=value[index] if index is not None else value)

    return pick


manager = _user("managers", -1)  # a manager of a typical number of customers
big_manager = _user("big_manager")
management = _user("management", 0)
admin = _user("admin")
FAST = Targets(p95_ms=25)


def register() -> None:
    register_generator("crm", order=20, fn=generate)
    page = lambda name, url, who=manager, targets=None, **kw: register_page(name, url, who, targets, app="crm", **kw)  # noqa: E731
    page("organisation list", "/customers/")
    page("organisation list: common word", lambda ctx: f"/customers/?q={ctx.facts['common_word'].lower()}")
    page("organisation list: rare word", lambda ctx: f"/customers/?q={ctx.facts['rare_word'].lower()}")
    page("organisation list: business ID", lambda ctx: f"/customers/?q={ctx.facts['business_id']}")
    page("organisation list: filtered", "/customers/?customer_group=business&size_class=small&status=active")
    page("organisation list: page 400", "/customers/?page=400")
    page("organisation page: typical", lambda ctx: f"/customers/{ctx.facts['typical_organisation']}/", targets=FAST)
    page("organisation page: big", lambda ctx: f"/customers/{ctx.facts['big_organisation']}/", targets=FAST)
    page("My work (5,000 customers)", "/customers/work/", big_manager, FAST)
    page("My customers (5,000 customers)", "/customers/mine/", big_manager)
    # The register's CSV export is the admin's (django-import-export): not streamed, so its first byte is
    # its last. One request: it takes seconds to minutes at 100,000 organisations.
    page(
        "organisation CSV export (admin)",
        "/admin/crm/organisation/export/",
        admin,
        Targets(p95_ms=300, queries=None),
        kind=FIRST_BYTE,
        requests=1,
        data=_export_form,
    )


def _export_form(ctx) -> dict:
    """The admin export form as a person sends it: CSV, every field ticked."""
    from import_export.forms import SelectableFieldsExportForm

    from crm.admin.resources import OrganisationResource

    fields = OrganisationResource().get_export_order()
    data = {"format": "0", "resource": "0"}
    data.update({SelectableFieldsExportForm.create_boolean_field_name(OrganisationResource, f): "on" for f in fields})
    return data
