"""The demo provider as plain values, built without the database: the same seed gives the same plan.

Only `random.Random(seed)` and a seeded Faker('fi_FI') draw; reference data comes in sorted, users are
referred to by e-mail and contacts by their index within the organisation. Dates are relative to `today`.
"""

import datetime
import random
import re
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from faker import Faker
from stdnum.fi import ytunnus

from . import vocabulary as v

HELSINKI = ZoneInfo("Europe/Helsinki")
BUSINESS_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)
LEGAL_SUFFIXES = {"oy", "oyj", "ky", "ay", "osk", "ry", "sr", "tmi", "as"}
DESCRIPTIONS = [
    "Pitkäaikainen oppisopimuskumppani.",
    "Kasvuyritys, rekrytointitarpeita tulossa.",
    "Tarjoaa työpaikalla oppimisen paikkoja 2–3 opiskelijalle vuosittain.",
    "Kiinnostunut henkilöstökoulutuksesta.",
    "Omistajanvaihdos tulossa lähivuosina.",
    "Aktiivinen alueen yrittäjäyhdistyksessä.",
]


@dataclass(frozen=True)
class MunicipalityRef:
    code: str
    name: str
    region: str
    is_owner: bool


@dataclass
class ContactPlan:
    first_name: str
    last_name: str
    title: str
    work_role: str
    is_decision_maker: bool
    email: str
    phone: str
    marketing_consent: bool  # to newsletters and campaigns, recorded as a ContactPreference
    consent_date: datetime.date | None
    consent_source: str
    is_active: bool
    created_at: datetime.datetime | None = None


@dataclass
class InteractionPlan:
    kind: str
    channel: str
    occurred_at: datetime.datetime
    duration_minutes: int | None
    subject: str
    notes: str
    participants: tuple[str, ...]  # e-mails; the first one logs it
    contacts: tuple[int, ...]  # indexes into the organisation's contacts


@dataclass
class DeliveryPlan:
    service_code: str
    title: str
    responsible: str
    start_date: datetime.date
    end_date: datetime.date | None
    students: int | None
    days: Decimal | None
    value: Decimal
    status: str
    created_at: datetime.datetime
    completed_at: datetime.datetime | None


@dataclass
class AgreementPlan:
    title: str
    start_date: datetime.date
    end_date: datetime.date | None
    notes: str


@dataclass
class OrganisationPlan:
    name: str
    business_id: str
    customer_group: str
    operating_form: str
    industry_code: str | None
    headcount: int | None
    turnover: Decimal | None
    municipality_code: str | None
    street_address: str
    postal_code: str
    post_office: str
    website: str
    status: str = "active"
    direct_index: int | None = None  # for an indirect customer: index of its direct customer in the plan
    description: str = ""
    manager: str | None = None
    deputy: str | None = None
    followers: tuple[str, ...] = ()
    field_key: str = "toimisto"
    created_at: datetime.datetime | None = None
    contacts: list[ContactPlan] = field(default_factory=list)
    interactions: list[InteractionPlan] = field(default_factory=list)
    deliveries: list[DeliveryPlan] = field(default_factory=list)
    agreement: AgreementPlan | None = None


@dataclass
class DemoPlan:
    seed: int
    today: datetime.date
    organisations: list[OrganisationPlan]


def business_id_check_digit(digits: str) -> int | None:
    """The Y-tunnus check digit of seven digits, or None when no valid ID has them (remainder 1)."""
    remainder = sum(int(d) * w for d, w in zip(digits, BUSINESS_ID_WEIGHTS, strict=True)) % 11
    if remainder == 1:
        return None
    return 0 if remainder == 0 else 11 - remainder


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def ascii_slug(text: str, sep: str = "-") -> str:
    text = text.lower().translate(str.maketrans({"ä": "a", "ö": "o", "å": "a", "é": "e", "ü": "u"}))
    text = re.sub(r"[^a-z0-9]+", sep, text)
    return text.strip(sep)


def domain_for(name: str) -> str:
    words = [w for w in name.split() if w.lower() not in LEGAL_SUFFIXES]
    return f"{ascii_slug(' '.join(words))}.fi"


def build_plan(
    *,
    seed: int,
    organisations: int,
    today: datetime.date,
    municipalities: list[MunicipalityRef],
    industry_codes: set[str],
) -> DemoPlan:
    return _Planner(seed, today, municipalities, industry_codes).plan(organisations)


class _Planner:
    def __init__(self, seed, today, municipalities, industry_codes):
        self.seed = seed
        self.rng = random.Random(seed)
        self.fake = Faker("fi_FI")
        self.fake.seed_instance(seed)
        self.today = today
        self.yesterday = today - datetime.timedelta(days=1)  # nothing is "created" later than this
        self.by_name = {m.name: m for m in sorted(municipalities, key=lambda m: m.code)}
        self.owners = sorted(m.name for m in self.by_name.values() if m.is_owner)
        home_region = "Keski-Suomi"
        self.region_others = sorted(m.name for m in self.by_name.values() if m.region == home_region and not m.is_owner)
        self.elsewhere = sorted(n for n in v.PLACES if n in self.by_name and self.by_name[n].region != home_region)
        # Where most customers are: the owner municipalities (configurable), else the home region.
        self.home = self.owners or self.region_others or sorted(self.by_name)
        self.industries = {code: spec for code, spec in v.BUSINESS_INDUSTRIES.items() if code in industry_codes}
        self.industry_codes = industry_codes
        self.used_ids: set[str] = set()
        self.used_names: set[str] = set()

    # --- small helpers ------------------------------------------------------------------------------

    def weighted(self, pairs):
        values, weights = zip(*pairs, strict=True)
        return self.rng.choices(values, weights=weights)[0]

    def at(self, day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=HELSINKI)

    def working_day(self, day: datetime.date) -> datetime.date:
        return day - datetime.timedelta(days=max(0, day.weekday() - 4))

    def business_id(self) -> str:
        while True:
            digits = f"{self.rng.randint(100000, 3399999):07d}"
            check = business_id_check_digit(digits)
            value = f"{digits}-{check}"
            if check is None or value in self.used_ids:
                continue
            assert ytunnus.is_valid(value), value
            self.used_ids.add(value)
            return value

    def industry(self, code: str) -> str | None:
        return code if code in self.industry_codes else None

    def genitive(self, municipality: str) -> str:
        return v.PLACES.get(municipality, (f"{municipality}n", []))[0]

    def address(self, municipality: str) -> tuple[str, str, str]:
        codes = v.PLACES.get(municipality, (None, []))[1]
        postal = self.rng.choice(codes) if codes else self.fake.postcode()
        street = f"{self.rng.choice(v.STREETS)} {self.rng.randint(1, 60)}"
        return street, postal, municipality.upper()

    def business_municipality(self) -> str:
        draw = self.rng.random()
        if draw < 0.62 or not (self.region_others or self.elsewhere):
            return self.home_municipality()
        if draw < 0.84 and self.region_others:
            return self.rng.choice(self.region_others)
        return self.rng.choice(self.elsewhere or self.region_others)

    def home_municipality(self) -> str:
        return self.weighted([(name, v.OWNER_WEIGHTS.get(name, 2)) for name in self.home])

    def unique(self, make) -> str:
        for _attempt in range(50):
            name = make()
            if name not in self.used_names:
                self.used_names.add(name)
                return name
        raise RuntimeError("could not find an unused organisation name")

    def website(self, name: str, probability: float) -> str:
        return f"https://www.{domain_for(name)}" if self.rng.random() < probability else ""

    def phone(self) -> str:
        prefix = self.rng.choice(["040", "044", "045", "050", "041"])
        return f"{prefix} {self.rng.randint(100, 999)} {self.rng.randint(1000, 9999)}"

    # --- the plan -----------------------------------------------------------------------------------

    def plan(self, count: int) -> DemoPlan:
        orgs: list[OrganisationPlan] = []
        for name in self.owners[:count]:
            orgs.append(self.owner_municipality(name))
        rest = max(0, count - len(orgs))
        public, stakeholder, individual = round(rest * 0.12), round(rest * 0.08), round(rest * 0.04)
        groups = (
            ["public"] * public
            + ["stakeholder"] * stakeholder
            + ["individual"] * individual
            + ["business"] * (rest - public - stakeholder - individual)
        )
        self.rng.shuffle(groups)
        for group in groups:
            org = getattr(self, group)(orgs)
            orgs.append(org)
        for org in orgs:
            self.people_and_activity(org)
        return DemoPlan(seed=self.seed, today=self.today, organisations=orgs)

    def owner_municipality(self, name: str) -> OrganisationPlan:
        kind = "kaupunki" if name in v.CITIES else "kunta"
        org_name = self.unique(lambda: f"{self.genitive(name)} {kind}")
        street, postal, office = self.address(name)
        start = datetime.date(self.today.year - self.rng.randint(1, 3), 1, 1)
        end = datetime.date(start.year + 3, 12, 31)
        liaison = self.rng.choice([u for u in v.DEMO_USERS if u[0] in (*v.ACCOUNT_MANAGERS, *v.MANAGEMENT)])
        notes = (
            "Yhteistyöstä vastaa kumppanuuspäällikkö."
            if name == "Jyväskylä"
            else f"Kuntayhdyshenkilö: {liaison[1]} {liaison[2]}, {liaison[3].lower()}."
        )
        return OrganisationPlan(
            name=org_name,
            business_id=self.business_id(),
            customer_group="public",
            operating_form="municipality",
            industry_code=self.industry("84"),
            headcount=v.OWNER_HEADCOUNT.get(name, self.rng.randint(80, 600)),
            turnover=None,
            municipality_code=self.by_name[name].code,
            street_address=street,
            postal_code=postal,
            post_office=office,
            website=f"https://www.{ascii_slug(name)}.fi",
            description="Omistajakunta, kumppanuussopimusasiakas.",
            manager=v.AM_KATJA,
            deputy=v.AM_SARI,
            followers=tuple(v.MANAGEMENT),
            field_key="julkinen",
            agreement=AgreementPlan(f"Kumppanuussopimus {start.year}–{end.year}", start, end, notes),
        )

    def size_and_figures(self) -> tuple[str, int | None, Decimal | None]:
        size = self.weighted([("micro", 60), ("small", 27), ("medium", 10), ("large", 3)])
        low, high, per_person, ceiling = {
            "micro": (1, 9, (60_000, 180_000), 2_000_000),
            "small": (10, 49, (70_000, 200_000), 10_000_000),
            "medium": (50, 249, (90_000, 220_000), 50_000_000),
            "large": (250, 2500, (150_000, 400_000), 900_000_000),
        }[size]
        headcount = int(self.rng.triangular(low, high + 0.99, low))
        turnover = min(headcount * self.rng.uniform(*per_person), ceiling)
        if size == "large":
            turnover = max(turnover, 51_000_000)
        turnover_dec = Decimal(int(round(turnover, -3))).quantize(Decimal("0.01"))
        draw = self.rng.random()
        if draw < 0.05:
            return size, None, turnover_dec
        if draw < 0.17:
            return size, headcount, None
        return size, headcount, turnover_dec

    def company_base(self) -> str:
        words = self.fake.company().split()
        while words and words[-1].lower() in LEGAL_SUFFIXES:
            words.pop()
        return " ".join(words) or self.fake.last_name()

    def business_name(self, words: list[str], form: str, municipality: str) -> str:
        word = self.rng.choice(words)
        if form == "tmi":
            first, last = self.fake.first_name(), self.fake.last_name()
            return self.rng.choice([f"Tmi {first} {last}", f"{word} {first[0]}. {last}"])
        style = self.weighted([("faker", 25), ("surname", 30), ("place", 25), ("prefix", 20)])
        if style == "faker":
            base = self.company_base()
        elif style == "surname":
            last = self.fake.last_name()
            base = f"{word} {last}" if self.rng.random() < 0.5 else f"{last} {word}"
        elif style == "place":
            place = "Keski-Suomen" if self.rng.random() < 0.2 else self.genitive(municipality)
            base = f"{place} {word}"
        else:
            prefix = self.rng.choice(v.NAME_PREFIXES)
            joiner = " " if prefix.endswith("n") or prefix == "Nordic" else "-"
            base = f"{prefix}{joiner}{word}"
        suffix = {"oy": "Oy", "oyj": "Oyj", "ky": self.rng.choice(["Ky", "Ky", "Ay"]), "osk": "osk"}[form]
        return f"{base} {suffix}"

    def business(self, orgs: list[OrganisationPlan]) -> OrganisationPlan:
        size, headcount, turnover = self.size_and_figures()
        code = self.weighted([(c, spec[1]) for c, spec in self.industries.items()]) if self.industries else None
        field_key, _weight, words = v.BUSINESS_INDUSTRIES.get(code, ("toimisto", 1, ["Palvelu"]))
        form = self.weighted(
            {
                "micro": [("oy", 55), ("tmi", 25), ("ky", 15), ("osk", 2)],
                "small": [("oy", 85), ("ky", 10), ("osk", 5)],
                "medium": [("oy", 95), ("osk", 5)],
                "large": [("oy", 65), ("oyj", 35)],
            }[size]
        )
        if form == "tmi" and headcount is not None:
            headcount = self.rng.randint(1, 2)
        municipality = self.business_municipality()
        name = self.unique(lambda: self.business_name(words, form, municipality))
        street, postal, office = self.address(municipality)
        passive = size != "large" and self.rng.random() < 0.1
        # An indirect customer is served through a bigger company of its own field.
        directs = [
            i
            for i, o in enumerate(orgs)
            if o.customer_group == "business"
            and o.direct_index is None
            and o.operating_form in ("oy", "oyj")
            and (o.headcount or 0) >= 20
        ]
        directs = [i for i in directs if orgs[i].field_key == field_key]
        indirect = bool(directs) and not passive and size in ("micro", "small") and self.rng.random() < 0.12
        manager, deputy = self.team(field_key, none_share=0.5 if passive else 0.1)
        return OrganisationPlan(
            name=name,
            business_id=self.business_id(),
            customer_group="business",
            operating_form=form,
            industry_code=code,
            headcount=headcount,
            turnover=turnover,
            municipality_code=self.by_name[municipality].code,
            street_address=street,
            postal_code=postal,
            post_office=office,
            website=self.website(name, 0.3 if form == "tmi" else 0.8),
            status="passive" if passive else "active",
            direct_index=self.rng.choice(directs) if indirect else None,
            description=self.rng.choice(DESCRIPTIONS) if self.rng.random() < 0.25 else "",
            manager=manager,
            deputy=deputy,
            field_key=field_key,
        )

    def team(self, field_key: str, *, none_share: float) -> tuple[str | None, str | None]:
        if self.rng.random() < none_share:
            return None, None
        home = v.FIELDS[field_key][0]
        manager = home if self.rng.random() < 0.8 else self.rng.choice(v.ACCOUNT_MANAGERS)
        deputy = None
        if self.rng.random() < 0.35:
            deputy = self.rng.choice([am for am in v.ACCOUNT_MANAGERS if am != manager])
        return manager, deputy

    def named_body(self, fixed, templates, group: str) -> OrganisationPlan:
        unused = [body for body in fixed if body[0] not in self.used_names]
        if unused and self.rng.random() < 0.6:
            name, form, industry, municipality, headcount = self.rng.choice(unused)
            self.used_names.add(name)
        else:
            places = [p for p in [*self.owners, *self.region_others] if p in v.PLACES] or list(v.PLACES)
            for _attempt in range(50):
                template, form, industry = self.rng.choice(templates)
                municipality = self.rng.choice(places)
                name = template.format(gen=self.genitive(municipality))
                if name not in self.used_names:
                    break
            else:
                raise RuntimeError("could not find an unused organisation name")
            self.used_names.add(name)
            headcount = int(self.rng.triangular(1, 60, 2))
        street, postal, office = self.address(municipality)
        manager, deputy = self.team("julkinen", none_share=0.2)
        return OrganisationPlan(
            name=name,
            business_id=self.business_id(),
            customer_group=group,
            operating_form=form,
            industry_code=self.industry(industry),
            headcount=headcount,
            turnover=None,
            municipality_code=self.by_name[municipality].code if municipality in self.by_name else None,
            street_address=street,
            postal_code=postal,
            post_office=office,
            website=self.website(name, 0.6),
            status="passive" if self.rng.random() < 0.08 else "active",
            manager=manager,
            deputy=deputy,
            field_key="julkinen",
        )

    def public(self, orgs) -> OrganisationPlan:
        return self.named_body(v.PUBLIC_BODIES, v.ASSOCIATION_TEMPLATES, "public")

    def stakeholder(self, orgs) -> OrganisationPlan:
        return self.named_body(v.STAKEHOLDERS, v.STAKEHOLDER_TEMPLATES, "stakeholder")

    def individual(self, orgs) -> OrganisationPlan:
        municipality = self.home_municipality()
        name = self.unique(lambda: f"{self.fake.first_name()} {self.fake.last_name()}")
        street, postal, office = self.address(municipality)
        return OrganisationPlan(
            name=name,
            business_id="",
            customer_group="individual",
            operating_form="",
            industry_code=None,
            headcount=None,
            turnover=None,
            municipality_code=self.by_name[municipality].code,
            street_address=street,
            postal_code=postal,
            post_office=office,
            website="",
            manager=v.AM_SARI if self.rng.random() < 0.5 else None,
            field_key="toimisto",
        )

    # --- contacts, interactions, deliveries ---------------------------------------------------------

    def people_and_activity(self, org: OrganisationPlan) -> None:
        org.contacts = self.contacts(org)
        org.interactions = self.interactions(org)
        org.deliveries = self.deliveries(org)
        if org.agreement is None and org.customer_group in ("business", "public") and (org.headcount or 0) >= 250:
            if self.rng.random() < 0.4:
                start = datetime.date(self.today.year - self.rng.randint(0, 2), self.rng.choice([1, 3, 8]), 1)
                start = min(start, self.today)
                end = datetime.date(start.year + 2, 12, 31)
                org.agreement = AgreementPlan(f"Kumppanuussopimus {start.year}–{end.year}", start, end, "")
                org.followers = (v.MGMT_HELENA,)
        moments = [i.occurred_at for i in org.interactions] + [d.created_at for d in org.deliveries]
        if org.agreement:
            moments.append(self.at(org.agreement.start_date, 9))
        first = min(moments) if moments else self.at(self.today - datetime.timedelta(days=self.rng.randint(30, 900)), 9)
        created = first - datetime.timedelta(days=self.rng.randint(20, 120), hours=self.rng.randint(0, 5))
        created = min(created, self.at(self.yesterday - datetime.timedelta(days=14), 8))
        org.created_at = created
        for contact in org.contacts:
            contact.created_at = created + datetime.timedelta(
                days=self.rng.randint(0, 14), minutes=self.rng.randint(1, 300)
            )
            if contact.marketing_consent:
                span = max(0, (self.today - contact.created_at.date()).days)
                contact.consent_date = contact.created_at.date() + datetime.timedelta(days=self.rng.randint(0, span))

    def contacts(self, org: OrganisationPlan) -> list[ContactPlan]:
        if org.customer_group == "individual":
            first, last = org.name.split(" ", 1)
            email = f"{ascii_slug(first, '.')}.{ascii_slug(last, '.')}@example.com"
            return [ContactPlan(first, last, "opiskelija", "", True, email, self.phone(), False, None, "", True)]
        if org.operating_form == "municipality":
            head = "kaupunginjohtaja" if org.name.endswith("kaupunki") else "kunnanjohtaja"
            first_title, pool = (head, "johto", True), v.PUBLIC_TITLES
        elif org.customer_group == "stakeholder":
            first_title, pool = v.STAKEHOLDER_TITLES[1], v.STAKEHOLDER_TITLES
        elif org.operating_form in ("association", "foundation", "parish"):
            first_title, pool = v.ASSOCIATION_TITLES[0], v.ASSOCIATION_TITLES
        elif org.customer_group == "public":
            first_title, pool = v.PUBLIC_TITLES[0], v.PUBLIC_TITLES
        elif (org.headcount or 0) < 10:
            first_title, pool = v.MICRO_TITLES[0] if org.operating_form == "tmi" else v.MICRO_TITLES[1], v.MICRO_TITLES
        else:
            first_title, pool = v.BUSINESS_TITLES[0], v.BUSINESS_TITLES
        count = self.weighted([(1, 30), (2, 35), (3, 20), (4, 15)])
        if (org.headcount or 0) >= 250 or org.operating_form == "municipality":
            count += 1
        domain = org.website.removeprefix("https://www.") or domain_for(org.name)
        result = []
        for index in range(count):
            others = [t for t in pool if t[0] != first_title[0]] or pool
            title, role, decides = first_title if index == 0 else self.rng.choice(others)
            first, last = self.fake.first_name(), self.fake.last_name()
            consent = self.rng.random() < 0.35
            result.append(
                ContactPlan(
                    first_name=first,
                    last_name=last,
                    title=title,
                    work_role=role,
                    is_decision_maker=decides and (index == 0 or self.rng.random() < 0.5),
                    email=f"{ascii_slug(first, '.')}.{ascii_slug(last, '.')}@{domain}",
                    phone=self.phone(),
                    marketing_consent=consent,
                    consent_date=None,  # set once the contact's creation date is known
                    consent_source=self.weighted([("form", 3), ("account_manager", 5), ("import", 1)])
                    if consent
                    else "",
                    is_active=index == 0 or self.rng.random() > 0.06,
                )
            )
        return result

    def interactions(self, org: OrganisationPlan) -> list[InteractionPlan]:
        group = org.customer_group
        if org.operating_form == "municipality" and group == "public" and org.agreement:
            count = self.rng.randint(8, 16)
        elif org.status == "passive":
            count = self.rng.randint(0, 2)
        elif group == "individual":
            count = self.rng.randint(0, 2)
        elif group == "business":
            low, high = {0: (1, 5), 10: (2, 8), 50: (4, 12), 250: (6, 16)}[
                max(k for k in (0, 10, 50, 250) if (org.headcount or 0) >= k)
            ]
            count = self.rng.randint(low, high)
        else:
            count = self.rng.randint(2, 8)
        kinds = [("meeting", 25), ("call", 30), ("workplace_visit", 20), ("email", 15), ("event", 10)]
        if group == "individual":
            kinds = [("meeting", 1), ("call", 2), ("email", 2)]
        am, teachers = v.FIELDS[org.field_key][0], v.FIELDS[org.field_key][1]
        owner = org.manager or am
        active_contacts = [i for i, c in enumerate(org.contacts) if c.is_active]
        result = []
        for _ in range(count):
            kind = self.weighted(kinds)
            if org.status == "passive":
                day = self.today - datetime.timedelta(days=self.rng.randint(400, 730))
            elif kind in ("meeting", "event") and self.rng.random() < 0.05:
                day = self.today + datetime.timedelta(days=self.rng.randint(1, 21))
            else:
                day = self.today - datetime.timedelta(days=self.rng.randint(0, 730))
            when = self.at(self.working_day(day), self.rng.randint(8, 15), self.rng.choice([0, 15, 30, 45]))
            if kind == "workplace_visit":
                participants = [self.rng.choice(teachers)]
                if self.rng.random() < 0.25 and owner not in participants:
                    participants.append(owner)
            else:
                participants = [owner]
                if kind in ("meeting", "event") and self.rng.random() < 0.2:
                    extra = org.deputy or self.rng.choice(v.MANAGEMENT)
                    if extra not in participants:
                        participants.append(extra)
            contacts = ()
            if active_contacts:
                many = 2 if kind in ("meeting", "event") and len(active_contacts) > 1 else 1
                contacts = tuple(sorted(self.rng.sample(active_contacts, many)))
            channel, duration, subjects, notes = {
                "meeting": (
                    self.weighted([("in_person", 7), ("video", 3)]),
                    self.rng.choice([45, 60, 90, 120]),
                    v.MEETING_SUBJECTS,
                    v.MEETING_NOTES,
                ),
                "call": ("phone", self.rng.choice([10, 15, 20, 30]), v.CALL_SUBJECTS, v.CALL_NOTES),
                "workplace_visit": ("in_person", self.rng.choice([60, 90, 120]), v.VISIT_SUBJECTS, v.VISIT_NOTES),
                "email": ("email", None, v.EMAIL_SUBJECTS, [""]),
                "event": (
                    self.weighted([("in_person", 4), ("video", 1)]),
                    self.rng.choice([120, 180, 240]),
                    v.EVENT_SUBJECTS,
                    [""],
                ),
            }[kind]
            result.append(
                InteractionPlan(
                    kind=kind,
                    channel=channel,
                    occurred_at=when,
                    duration_minutes=duration,
                    subject=self.rng.choice(subjects),
                    notes=self.rng.choice(notes),
                    participants=tuple(participants),
                    contacts=contacts,
                )
            )
        result.sort(key=lambda i: i.occurred_at)
        return result

    def deliveries(self, org: OrganisationPlan) -> list[DeliveryPlan]:
        group = org.customer_group
        if org.operating_form == "municipality" and org.agreement:
            count = self.rng.randint(3, 8)
        elif group == "business":
            low, high = {0: (0, 2), 10: (0, 3), 50: (1, 5), 250: (2, 6)}[
                max(k for k in (0, 10, 50, 250) if (org.headcount or 0) >= k)
            ]
            count = self.rng.randint(low, high)
        elif group == "individual":
            count = self.rng.randint(0, 1)
        else:
            count = self.rng.randint(0, 3)
        am, teachers = v.FIELDS[org.field_key][:2]
        owner = org.manager or am
        weights = v.SERVICE_WEIGHTS[group]
        if org.name == "Keski-Suomen ELY-keskus" or org.name == "Keski-Suomen TE-toimisto":
            weights = [("labour_market_training", 3), ("recruitment_training", 2), ("development_project", 1)]
        result = []
        for _ in range(count):
            code = self.weighted(weights)
            length, students, days, value = self.delivery_shape(code)
            if org.status == "passive":
                start = self.today - datetime.timedelta(days=self.rng.randint(420, 1000))
            elif self.rng.random() < 0.15:
                start = self.today + datetime.timedelta(days=self.rng.randint(7, 150))
            else:
                start = self.today - datetime.timedelta(days=self.rng.randint(0, 700))
            start = self.working_day(start)
            title = self.delivery_title(code, start, org.field_key, individual=group == "individual")
            end = self.working_day(start + datetime.timedelta(days=length))
            if start > self.today:
                status = "planned"
            elif end < self.today:
                status = "done" if self.rng.random() < 0.92 else "cancelled"
            else:
                status = "in_progress"
            created_day = min(start - datetime.timedelta(days=self.rng.randint(7, 60)), self.yesterday)
            created = self.at(self.working_day(created_day), self.rng.randint(8, 11), self.rng.randint(0, 59))
            if code in ("apprenticeship", "on_the_job_learning") and self.rng.random() < 0.7:
                responsible = self.rng.choice(teachers)
            else:
                responsible = owner
            result.append(
                DeliveryPlan(
                    service_code=code,
                    title=title,
                    responsible=responsible,
                    start_date=start,
                    end_date=end,
                    students=students,
                    days=days,
                    value=value,
                    status=status,
                    created_at=created,
                    completed_at=self.at(end, 15) if status == "done" else None,
                )
            )
        result.sort(key=lambda d: d.start_date)
        return result

    def delivery_title(self, code: str, start: datetime.date, field_key: str, *, individual: bool) -> str:
        """The timeline shows "<service type>: <title>", so a title does not repeat the service type."""
        _am, _teachers, qualifications, topics, professions = v.FIELDS[field_key]
        if code in ("apprenticeship", "on_the_job_learning"):
            return capitalise(self.rng.choice(qualifications))
        if code == "staff_training":
            return self.rng.choice(topics)
        if code in ("recruitment_training", "labour_market_training"):
            season = "kevät" if start.month < 7 else "syksy"
            return f"{capitalise(self.rng.choice(professions))}, {season} {start.year}"
        if code == "tailored_training":
            return capitalise(self.rng.choice(v.TAILORED_TOPICS))
        if code == "development_project":
            return capitalise(self.rng.choice(v.DEVELOPMENT_TOPICS))
        if individual:
            return f"Omaehtoinen opiskelu: {self.rng.choice(qualifications)}"
        return self.rng.choice(v.OTHER_SERVICES)

    def delivery_shape(self, code: str) -> tuple[int, int | None, Decimal | None, Decimal]:
        """(length in days, students, training days, value in EUR) for a service type."""
        rng = self.rng

        def money(low: int, high: int) -> Decimal:
            return Decimal(round(rng.uniform(low, high), -1)).quantize(Decimal("0.01"))

        def halves(low: float, high: float) -> Decimal:
            return Decimal(round(rng.uniform(low, high) * 2) / 2).quantize(Decimal("0.1"))

        if code == "apprenticeship":
            value = money(500, 3000) if rng.random() < 0.4 else Decimal("0.00")
            return rng.randint(365, 1000), rng.randint(1, 3), None, value
        if code == "on_the_job_learning":
            return rng.randint(28, 110), rng.randint(1, 4), halves(20, 60), Decimal("0.00")
        if code == "staff_training":
            return rng.randint(0, 60), rng.randint(5, 40), halves(0.5, 5), money(600, 15000)
        if code == "recruitment_training":
            return rng.randint(90, 150), rng.randint(10, 20), halves(40, 80), money(15000, 90000)
        if code == "labour_market_training":
            return rng.randint(120, 270), rng.randint(12, 24), halves(60, 150), money(40000, 250000)
        if code == "tailored_training":
            return rng.randint(30, 180), rng.randint(5, 30), halves(2, 20), money(3000, 45000)
        if code == "development_project":
            return rng.randint(365, 1000), None, None, money(20000, 300000)
        return rng.randint(0, 30), rng.randint(1, 10), halves(1, 5), money(200, 8000)
