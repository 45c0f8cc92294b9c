"""Writes a demo plan into the database through the register's services, so history and timeline are real."""

import datetime
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone, translation

from accounts.models import OrgUnit, User
from accounts.roles import Role
from accounts.services import roles_sync, user_units_set
from crm import services
from crm.models import (
    GROUPS_NEEDING_A_UNIT,
    AccountTeamAssignment,
    Contact,
    ContactPreference,
    Delivery,
    Industry,
    Interaction,
    Municipality,
    Organisation,
    PartnershipAgreement,
    ServiceType,
    TimelineEntry,
)
from crm.preferences import Decision
from feedback.models import Response
from leads.models import LeadRoute, Need

from . import vocabulary as v
from .feedback import seed_feedback
from .plan import DemoPlan, MunicipalityRef, build_plan


@dataclass
class DemoUser:
    email: str
    name: str
    title: str
    roles: list[str]


def demo_exists() -> bool:
    return User.objects.filter(email__iexact=v.ADMIN_EMAIL).exists()


def reference_inputs() -> tuple[list[MunicipalityRef], set[str]]:
    municipalities = [
        MunicipalityRef(code, name, region, is_owner)
        for code, name, region, is_owner in Municipality.objects.order_by("code").values_list(
            "code", "name_fi", "region", "is_owner"
        )
    ]
    industry_codes = set(
        Industry.objects.filter(classification="TOL2008", level=Industry.Level.DIVISION).values_list("code", flat=True)
    )
    return municipalities, industry_codes


def plan_demo(*, seed: int, organisations: int, today: datetime.date | None = None) -> DemoPlan:
    municipalities, industry_codes = reference_inputs()
    return build_plan(
        seed=seed,
        organisations=organisations,
        today=today or timezone.localdate(),
        municipalities=municipalities,
        industry_codes=industry_codes,
    )


def seed_demo(*, seed: int, organisations: int) -> dict[str, int]:
    """Create the demo provider in one transaction; returns how many rows of each kind now exist."""
    plan = plan_demo(seed=seed, organisations=organisations)
    with _relaxed_durability(), translation.override(settings.LANGUAGE_CODE):
        # One transaction; the apps' after-commit reactions (segments, care plans) then run inside the
        # relaxed-durability block too, since each of those commits on its own.
        with transaction.atomic():
            users = _units_and_users()
            _organisations(plan, users)
            _service_path()
            seed_feedback(seed=seed, users=users)
    return {
        "units": OrgUnit.objects.count(),
        "users": User.objects.count(),
        "organisations": Organisation.objects.count(),
        "partnership agreements": PartnershipAgreement.objects.count(),
        "contacts": Contact.objects.count(),
        "interactions": Interaction.objects.count(),
        "deliveries": Delivery.objects.count(),
        "timeline entries": TimelineEntry.objects.count(),
        "feedback answers": Response.objects.count(),
    }


# What account managers agreed at the start of running deliveries (the after-care thesis: from the first day).
SERVICE_STARTS = [
    (
        "Uudet työnjohtajat tarvitsevat vuorovaikutus- ja johtamistaitoja; arvioitu yhdessä "
        "henkilöstöpäällikön kanssa.",
        "Suunnittelupalaveri, valmennuspäivät, väliarvio puolivälissä ja henkilökohtainen yhteydenotto kahden viikon "
        "sisällä päättymisestä; vuoden päästä katsotaan, miten opit ovat käytössä.",
    ),
    (
        "Työturvallisuuskortit koko tuotannon henkilöstölle ennen kesälomia.",
        "Koulutuspäivät kahdessa ryhmässä, todistukset viikon sisällä, jälkihoitopuhelu ja seuraavan tarpeen arvio.",
    ),
]


def _service_path() -> None:
    """Need and promise on a few running deliveries, and the progress checks long ones are due."""
    from care_plans.service_path import progress_checks_create, service_start_save

    running = Delivery.objects.filter(status__in=[Delivery.Status.PLANNED, Delivery.Status.IN_PROGRESS]).order_by(
        "start_date", "pk"
    )
    for delivery, (need, promise) in zip(running.select_related("responsible")[:8], SERVICE_STARTS * 4, strict=False):
        service_start_save(delivery=delivery, need_assessment=need, service_promise=promise, actor=delivery.responsible)
    progress_checks_create()


@contextmanager
def _relaxed_durability():
    """Don't wait for the disk on every commit while seeding: demo data can always be seeded again."""
    statements = {
        "postgresql": ("SET synchronous_commit TO OFF", "RESET synchronous_commit"),
        "sqlite": ("PRAGMA synchronous = OFF", None),
    }.get(connection.vendor)
    if statements is None:
        yield
        return
    relax, restore = statements
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA synchronous")
            restore = f"PRAGMA synchronous = {int(cursor.fetchone()[0])}"
        cursor.execute(relax)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(restore)


def demo_users() -> list[DemoUser]:
    """The fixed demo logins as they stand in the database."""
    found = {u.email: u for u in User.objects.filter(email__in=[row[0] for row in v.DEMO_USERS])}
    result = []
    with translation.override("en"):
        for email, *_rest in v.DEMO_USERS:
            user = found.get(email)
            if user is not None:
                roles = [str(label) for value, label in Role.choices if value in user.role_names()]
                result.append(DemoUser(email, user.get_full_name(), user.title, roles))
    return result


def _units_and_users() -> dict[str, User]:
    if Group.objects.filter(name__in=Role.values).count() < len(Role):
        roles_sync()
    groups = {g.name: g for g in Group.objects.filter(name__in=Role.values)}
    units: dict[tuple[str, ...], OrgUnit] = {}
    for area, fields in v.UNIT_TREE:
        units[(area,)] = _unit(area, OrgUnit.Kind.RESULT_AREA, None)
        for field_name, teams in fields:
            units[(area, field_name)] = _unit(field_name, OrgUnit.Kind.FIELD, units[(area,)])
            for team in teams:
                units[(area, field_name, team)] = _unit(team, OrgUnit.Kind.TEAM, units[(area, field_name)])

    password = make_password(v.DEMO_PASSWORD)  # hashed once: every demo user shares it
    users = {}
    for index, (email, first, last, title, roles, unit_path) in enumerate(v.DEMO_USERS):
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            admin = "admin" in roles
            user = User(email=email, is_staff=admin, is_superuser=admin, language="fi")
            user.first_name, user.last_name, user.title = first, last, title
            user.phone = f"040 {510 + index} {2100 + 37 * index}"
            user.password = password
            user.save()
            user.groups.set([groups[role] for role in roles])
            user_units_set(user=user, units=[units[unit_path]])
        users[email] = user
    for path, email in v.UNIT_HEADS.items():
        unit = units[path]
        if unit.head_id is None:
            unit.head = users[email]
            unit.save(update_fields=["head"])
    for need in Need.values:
        LeadRoute.objects.get_or_create(need=need, defaults={"unit": units[v.LEAD_TRIAGE_UNIT]})
    return users


def _unit(name: str, kind: str, parent: OrgUnit | None) -> OrgUnit:
    unit, _created = OrgUnit.objects.get_or_create(name=name, parent=parent, defaults={"kind": kind})
    return unit


def _organisations(plan: DemoPlan, users: dict[str, User]) -> None:
    admin = users[v.ADMIN_EMAIL]
    municipalities = dict(Municipality.objects.values_list("code", "pk"))
    industries = dict(
        Industry.objects.filter(classification="TOL2008", level=Industry.Level.DIVISION).values_list("code", "pk")
    )
    service_types = {s.code: s for s in ServiceType.objects.all()}
    content_types = ContentType.objects.get_for_models(Contact, Interaction, Delivery, PartnershipAgreement)
    # When each timeline entry really happened; the services stamp them with the time of writing.
    source_times: dict[tuple[int, int], datetime.datetime] = {}
    org_times: dict[int, datetime.datetime] = {}
    completion_times: dict[str, datetime.datetime] = {}
    completed: list[Delivery] = []
    now = timezone.now()
    created: list[Organisation] = []
    Participant = Interaction.our_participants.through
    InteractionContact = Interaction.contacts.through
    participant_links, contact_links = [], []

    # A customer belongs to its account manager's unit; one without a manager to the unit that triages leads.
    triage_unit = LeadRoute.objects.select_related("unit").first().unit
    for op in plan.organisations:
        direct = created[op.direct_index] if op.direct_index is not None else None
        manager = users.get(op.manager)
        responsible_unit = manager.primary_unit if manager else None
        if responsible_unit is None and op.customer_group in GROUPS_NEEDING_A_UNIT:
            responsible_unit = triage_unit
        organisation = Organisation(
            name=op.name,
            business_id=op.business_id,
            customer_group=op.customer_group,
            operating_form=op.operating_form,
            industry_id=industries.get(op.industry_code),
            headcount=op.headcount,
            turnover=op.turnover,
            municipality_id=municipalities.get(op.municipality_code),
            street_address=op.street_address,
            postal_code=op.postal_code,
            post_office=op.post_office,
            website=op.website,
            status=op.status,
            relation=Organisation.Relation.INDIRECT if direct else Organisation.Relation.DIRECT,
            direct_customer=direct,
            description=op.description,
            responsible_unit=responsible_unit,
            created_at=op.created_at,
        )
        actor = users.get(op.manager, admin)
        services.organisation_save(organisation=organisation, actor=actor)
        created.append(organisation)
        org_times[organisation.pk] = op.created_at
        if op.manager or op.deputy:
            services.account_team_assign(
                organisation=organisation, manager=users.get(op.manager), deputy=users.get(op.deputy), actor=admin
            )
        if op.followers:
            organisation.followers.add(*[users[email] for email in op.followers])

        if op.agreement:
            agreement = PartnershipAgreement(
                organisation=organisation,
                title=op.agreement.title,
                start_date=op.agreement.start_date,
                end_date=op.agreement.end_date,
                notes=op.agreement.notes,
            )
            services.agreement_save(agreement=agreement, actor=actor)
            source_times[(content_types[PartnershipAgreement].pk, agreement.pk)] = datetime.datetime.combine(
                op.agreement.start_date, datetime.time(9), tzinfo=op.created_at.tzinfo
            )

        contacts = []
        for cp in op.contacts:
            contact = Contact(
                organisation=organisation,
                first_name=cp.first_name,
                last_name=cp.last_name,
                title=cp.title,
                work_role=cp.work_role,
                is_decision_maker=cp.is_decision_maker,
                email=cp.email,
                phone=cp.phone,
                is_active=cp.is_active,
                created_at=cp.created_at,
            )
            decisions = []
            if cp.marketing_consent:
                decisions.append(
                    Decision(
                        kind=ContactPreference.Kind.NEWSLETTERS_AND_CAMPAIGNS,
                        status=ContactPreference.Status.CONSENTED,
                        date=cp.consent_date,
                        source=cp.consent_source,
                    )
                )
            services.contact_save(contact=contact, actor=actor, decisions=decisions)
            source_times[(content_types[Contact].pk, contact.pk)] = cp.created_at
            contacts.append(contact)

        for ip in op.interactions:
            interaction = Interaction(
                organisation=organisation,
                kind=ip.kind,
                channel=ip.channel,
                occurred_at=ip.occurred_at,
                duration_minutes=ip.duration_minutes,
                subject=ip.subject,
                notes=ip.notes,
                created_at=min(ip.occurred_at, now),
            )
            services.interaction_save(interaction=interaction, actor=users[ip.participants[0]])
            # Who took part is linked in bulk below: .set() per new interaction costs four queries each.
            participant_links += [
                Participant(interaction_id=interaction.pk, user_id=users[email].pk) for email in ip.participants
            ]
            contact_links += [
                InteractionContact(interaction_id=interaction.pk, contact_id=contacts[i].pk) for i in ip.contacts
            ]

        for dp in op.deliveries:
            delivery = Delivery(
                organisation=organisation,
                service_type=service_types[dp.service_code],
                title=dp.title,
                responsible=users[dp.responsible],
                start_date=dp.start_date,
                end_date=dp.end_date,
                students=dp.students,
                days=dp.days,
                value=dp.value,
                status=dp.status,
                created_at=dp.created_at,
            )
            services.delivery_save(delivery=delivery, actor=users.get(op.manager) or users[dp.responsible])
            source_times[(content_types[Delivery].pk, delivery.pk)] = dp.created_at
            if dp.completed_at:
                delivery.completed_at = dp.completed_at
                completed.append(delivery)
                completion_times[delivery.get_absolute_url()] = dp.completed_at

    Participant.objects.bulk_create(participant_links, batch_size=1000)
    InteractionContact.objects.bulk_create(contact_links, batch_size=1000)
    Delivery.objects.bulk_update(completed, ["completed_at"], batch_size=500)
    _backdate(org_times, source_times, completion_times)


def _backdate(org_times, source_times, completion_times) -> None:
    """Date timeline entries and team assignments to when the plan says they happened, not to today."""
    team_delay = datetime.timedelta(hours=1)
    changed = []
    entries = TimelineEntry.objects.filter(organisation_id__in=org_times).only(
        "pk", "organisation_id", "kind", "occurred_at", "source_type_id", "source_id", "url"
    )
    for entry in entries.iterator(chunk_size=2000):
        if entry.source_type_id:
            when = source_times.get((entry.source_type_id, entry.source_id))
        elif entry.kind == "register":
            when = org_times[entry.organisation_id]
        elif entry.kind == "account_team":
            when = org_times[entry.organisation_id] + team_delay
        elif entry.kind == "delivery":
            when = completion_times.get(entry.url)
        else:
            when = None
        if when is not None and when != entry.occurred_at:
            entry.occurred_at = when
            changed.append(entry)
    TimelineEntry.objects.bulk_update(changed, ["occurred_at"], batch_size=500)

    assignments = list(
        AccountTeamAssignment.objects.filter(organisation_id__in=org_times).only("pk", "organisation_id")
    )
    for assignment in assignments:
        assignment.valid_from = org_times[assignment.organisation_id] + team_delay
    AccountTeamAssignment.objects.bulk_update(assignments, ["valid_from"], batch_size=500)
