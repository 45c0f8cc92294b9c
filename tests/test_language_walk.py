"""English and Swedish readers see no Finnish the system wrote: a walk over the demo's pages with the test client.

The demo is seeded, then everything that writes text for later readers runs once, in Finnish: leads from passing
to an accepted offer, a closed lead and reminders, offers declined and expired, after-care and its new needs, a new
account manager, a care plan with its steering group, segment changes, care reminders, an anonymised contact and
an archived customer. Every role then reads every page in English and in Swedish (the `django_language` cookie,
which the app's LocaleMiddleware reads). A page fails when it shows a Finnish translation of three words or more
from locale/fi that differs from its source text, except inside elements marked lang="fi" (Finnish shown where
data has no translation, rows written before message codes) and except what people typed and organisation names.
"""

import datetime
import re
from decimal import Decimal
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

import polib
import pytest
import tablib
from django.core.management import call_command
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation

from accounts.messages import registered_codes
from accounts.models import OrgUnit, User
from accounts.notifications import Notification
from accounts.roles import Role
from care_plans import required as care_required
from care_plans import service_path as care_service_path
from care_plans import services as care_services
from care_plans.models import (
    CarePlan,
    FollowUp,
    Meeting,
    NewNeed,
    PlanAction,
    Referral,
    SteeringGroup,
    SteeringGroupMember,
)
from crm import services as crm_services
from crm.admin.resources import OrganisationResource
from crm.models import (
    Contact,
    Delivery,
    Interaction,
    Organisation,
    PartnershipAgreement,
    ServiceType,
    TimelineEntry,
)
from feedback.models import LoopAction, LoopRule
from feedback.services import answers as feedback_answers
from feedback.services import invitations as feedback_invitations
from kumppani.demo import vocabulary as demo
from leads import services as lead_services
from leads.models import Lead, LeadEvent, Need, Offer, OfferLine
from reminders.engine import reminders_run
from segments import services as segment_services
from segments.models import Segment, SegmentChange
from segments.tests.factories import SuggestionFactory

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parent.parent
MIN_WORDS = 3
_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|<[^>]+>")
_WORD = re.compile(r"[^\W\d_]+")

# What people type and the names they give: shown as typed, in whatever language it was typed.
TYPED_FIELDS: dict[type[models.Model], tuple[str, ...]] = {
    Organisation: ("name", "description", "street_address", "post_office"),
    Contact: ("first_name", "last_name", "title", "work_role"),
    Interaction: ("subject", "notes"),
    Delivery: ("title", "notes"),
    PartnershipAgreement: ("title", "notes"),
    Lead: ("description", "new_organisation_name", "contact_name"),
    LeadEvent: ("note",),
    Offer: ("title", "notes"),
    OfferLine: ("description",),
    FollowUp: ("went_customer", "went_ours", "need_reassessment", "services_presented", "feedback"),
    NewNeed: ("description",),
    CarePlan: ("customer_goals", "our_goals", "services_notes"),
    PlanAction: ("title",),
    SteeringGroup: ("name", "purpose"),
    SteeringGroupMember: ("name", "duties"),
    Meeting: ("location", "agenda", "minutes"),
    SegmentChange: ("reason",),
    User: ("first_name", "last_name", "title"),
    OrgUnit: ("name",),
}


# --- what counts as Finnish ----------------------------------------------------------------------------------


def finnish_phrases(target_language: str) -> list[tuple[str, re.Pattern]]:
    """Each locale/fi translation of three words or more that differs from its source (and from the target
    language's own translation), as (its longest fixed part, a pattern with placeholders as wildcards)."""
    finnish = polib.pofile(str(BASE_DIR / "locale/fi/LC_MESSAGES/django.po"))
    target = polib.pofile(str(BASE_DIR / f"locale/{target_language}/LC_MESSAGES/django.po"))
    target_texts = {(e.msgctxt, e.msgid): {e.msgstr, *e.msgstr_plural.values()} for e in target if not e.obsolete}
    phrases = []
    for entry in finnish:
        if entry.obsolete or entry.fuzzy:
            continue
        sources = {entry.msgid, entry.msgid_plural}
        for text in {entry.msgstr, *entry.msgstr_plural.values()}:
            if not text or text in sources or text in target_texts.get((entry.msgctxt, entry.msgid), set()):
                continue
            parts = [" ".join(part.split()) for part in _PLACEHOLDER.split(text)]
            if len(_WORD.findall(" ".join(parts))) < MIN_WORDS:
                continue
            pattern = re.compile(r".{1,200}?".join(re.escape(part) for part in parts if part))
            phrases.append((max(parts, key=len), pattern))
    return phrases


class VisibleText(HTMLParser):
    """A page's text and accessible names, leaving out scripts, styles and whatever is marked lang="fi"."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    SKIPPED = {"script", "style"}
    NAMED_BY = ("aria-label", "title", "placeholder", "alt")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._stack: list[bool] = []  # per open element: is its content left out?

    def _skipping(self) -> bool:
        return bool(self._stack) and self._stack[-1]

    def handle_starttag(self, tag, attrs) -> None:
        attributes = dict(attrs)
        skip = self._skipping() or tag in self.SKIPPED or (attributes.get("lang") or "").startswith("fi")
        if not skip:
            self.parts.extend(attributes[name] for name in self.NAMED_BY if attributes.get(name))
        if tag not in self.VOID:
            self._stack.append(skip)

    def handle_startendtag(self, tag, attrs) -> None:
        if not self._skipping():
            attributes = dict(attrs)
            self.parts.extend(attributes[name] for name in self.NAMED_BY if attributes.get(name))

    def handle_endtag(self, tag) -> None:
        if tag not in self.VOID and self._stack:
            self._stack.pop()

    def handle_data(self, data) -> None:
        if not self._skipping():
            self.parts.append(data)

    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def typed_texts() -> list[str]:
    """Everything people typed in the demo, longest first (a longer text may contain a shorter one)."""
    texts = set()
    for model, fields in TYPED_FIELDS.items():
        for row in model.objects.values_list(*fields):
            texts.update(" ".join(str(value).split()) for value in row if value)
    return sorted((text for text in texts if len(text) >= 3), key=len, reverse=True)


def finnish_on(html: str, phrases, typed: list[str]) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    text = parser.text()
    for value in typed:
        if value in text:
            text = text.replace(value, " ¦ ")
    found = []
    for fixed, pattern in phrases:
        if fixed in text:
            match = pattern.search(text)
            if match:
                found.append(match.group(0))
    return found


def test_the_finder_sees_finnish_but_not_what_is_marked_or_typed():
    phrases = finnish_phrases("en")
    with translation.override("fi"):
        sentence = translation.gettext("Nothing has happened yet.")
    assert finnish_on(f"<p>{sentence}</p>", phrases, []) == [sentence]
    assert finnish_on(f'<p><span lang="fi">{sentence}</span> ok</p>', phrases, []) == []
    assert finnish_on(f"<p>{sentence}</p>", phrases, [sentence]) == []
    assert finnish_on(f'<button aria-label="{sentence}">x</button>', phrases, []) == [sentence]
    assert finnish_on("<p>Nothing has happened yet.</p>", phrases, []) == []


# --- the demo and everything that writes ---------------------------------------------------------------------


def _user(email: str) -> User:
    return User.objects.get(email=email)


def _write_everything() -> dict:
    """Run every writer of stored text once, as Finnish users would; returns what the walk visits."""
    today = timezone.localdate()
    sari, katja, admin = _user(demo.AM_SARI), _user(demo.AM_KATJA), _user(demo.ADMIN_EMAIL)
    teacher = _user(demo.TEACHER_JUHA)
    staff_training = ServiceType.objects.get(code="staff_training")

    customer = crm_services.organisation_save(
        organisation=Organisation(name="Konepaja Kieli Oy", responsible_unit=sari.primary_unit_or_none()), actor=admin
    )
    crm_services.account_team_assign(organisation=customer, manager=sari, deputy=katja, actor=admin)
    crm_services.account_team_assign(organisation=customer, manager=sari, deputy=None, actor=admin)
    crm_services.agreement_save(
        agreement=PartnershipAgreement(organisation=customer, title="Kumppanuus 2026", start_date=today), actor=sari
    )
    unmanaged = crm_services.organisation_save(
        organisation=Organisation(name="Hoivakoti Kieli Oy", responsible_unit=sari.primary_unit_or_none()), actor=admin
    )
    imported = tablib.Dataset(headers=["name", "customer_group", "status", "relation", "responsible_unit"])
    imported.append(["Tuonti Kieli Oy", "business", "active", "direct", sari.primary_unit_or_none().pk])
    result = OrganisationResource().import_data(imported, dry_run=False, user=admin)
    assert not result.has_errors() and not result.has_validation_errors()
    # Katja's overdue work escalates to the head of her result area.
    katja.units.add(OrgUnit.objects.get(parent=None, head=_user(demo.MGMT_HELENA)))

    # A lead from a workplace visit to an accepted offer.
    lead = lead_services.lead_pass(
        lead=Lead(organisation=customer, need=Need.STAFF_TRAINING, description="Trukkikortit kuudelle."),
        actor=teacher,
        log_visit=True,
    )
    lead_services.lead_mark_contacted(lead=lead, actor=sari, note="Soitin, kiinnostuneita.")
    lead_services.lead_qualify(lead=lead, actor=sari)
    offer = lead_services.lead_convert_to_offer(lead=lead, actor=sari)
    lead_services.offer_send(offer=offer, actor=sari)
    lead_services.offer_accept(offer=offer, actor=sari)
    # A teacher's lead for an organisation not in the register: triage, assigned, closed.
    new = lead_services.lead_pass(
        lead=Lead(new_organisation_name="Uusi Kieli Oy", need=Need.APPRENTICESHIP, description="Oppisopimus."),
        actor=teacher,
    )
    lead_services.lead_assign(lead=new, assignee=sari, actor=katja)
    # An admin reassigns it: Sari is told.
    lead_services.lead_assign(lead=new, assignee=katja, actor=admin)
    lead_services.lead_close(lead=new, actor=sari, reason=Lead.CloseReason.NO_NEED_NOW, note="Ensi vuonna.")
    # One converted straight to a delivery; one nobody contacts, for reminders and escalation.
    direct = lead_services.lead_pass(
        lead=Lead(organisation=customer, need=Need.RECRUITMENT, description="Hitsaajia."), actor=teacher
    )
    lead_services.lead_mark_contacted(lead=direct, actor=sari)
    lead_services.lead_qualify(lead=direct, actor=sari)
    lead_services.lead_convert_to_delivery(lead=direct, actor=sari)
    waiting = lead_services.lead_pass(
        lead=Lead(organisation=unmanaged, need=Need.OTHER, description="Jotain muuta."), actor=teacher
    )
    lead_services.lead_reminders_send(today=waiting.escalate_on + datetime.timedelta(days=1))

    # Offers declined and expired.
    offers = []
    for title in ("Esimiestyön valmennus", "Asiakaspalvelun kurssi"):
        draft = Offer(organisation=customer, title=title, responsible=sari, valid_until=today)
        line = OfferLine(
            service_type=staff_training, description=title, quantity=Decimal("1"), unit_price=Decimal("900")
        )
        offers.append(
            lead_services.offer_send(offer=lead_services.offer_save(offer=draft, lines=[line], actor=sari), actor=sari)
        )
    lead_services.offer_reject(offer=offers[0], actor=sari)
    lead_services.offers_expire(today=today + datetime.timedelta(days=1))

    # A delivery done: after-care follows, one follow-up is recorded and its needs become a lead and an offer.
    delivery = crm_services.delivery_save(
        delivery=Delivery(
            organisation=customer,
            service_type=staff_training,
            title="Työturvallisuuskorttikoulutus",
            responsible=sari,
            start_date=today - datetime.timedelta(days=40),
            end_date=today - datetime.timedelta(days=10),
            status=Delivery.Status.DONE,
        ),
        actor=sari,
    )
    care_service_path.service_start_save(
        delivery=delivery, need_assessment="Työturvallisuus.", service_promise="Koulutus ja jälkihoito.", actor=sari
    )
    follow_ups = care_services.followups_create_for_delivery(delivery=delivery, actor=sari)
    # A long delivery running: its progress check, and its new responsible person's task to tell the customer.
    running = crm_services.delivery_save(
        delivery=Delivery(
            organisation=customer,
            service_type=staff_training,
            title="Esihenkilövalmennus",
            responsible=sari,
            start_date=today - datetime.timedelta(days=30),
            end_date=today + datetime.timedelta(days=150),
            status=Delivery.Status.IN_PROGRESS,
        ),
        actor=sari,
    )
    care_service_path.progress_checks_create(today=today)
    partner = crm_services.organisation_save(
        organisation=Organisation(name="Verkosto Kieli ry", customer_group="stakeholder"), actor=admin
    )
    care_service_path.referral_create(
        referral=Referral(
            follow_up=follow_ups[0],
            organisation=customer,
            provider=partner,
            need="Sukupolvenvaihdos",
            contact_name="Neuvoja",
            arrangement=Referral.Arrangement.WE_PASS,
        ),
        actor=sari,
    )
    care_service_path.followup_create_for_responsible_change(
        delivery=running, old_responsible=sari, new_responsible=katja, actor=sari
    )
    done = follow_ups[0]
    done.channel, done.went_customer = "phone", "Hyvin meni."
    care_services.followup_complete(follow_up=done, actor=sari, new_needs=["Esimieskoulutus", "Oppisopimuspaikat"])
    first_need, second_need = NewNeed.objects.filter(follow_up=done).order_by("pk")
    care_services.need_to_lead(need=first_need, actor=sari)
    from_need = care_services.need_to_offer(need=second_need, actor=sari)
    lead_services.offer_reject(offer=lead_services.offer_send(offer=from_need, actor=sari), actor=sari)

    # A new account manager: the customer must be told.
    crm_services.account_team_assign(organisation=unmanaged, manager=katja, deputy=None, actor=admin)
    crm_services.account_team_assign(organisation=unmanaged, manager=sari, deputy=None, actor=admin)

    # A care plan, its actions, a steering group and its meeting.
    plan = care_services.plan_save(
        plan=CarePlan(organisation=customer, owner=sari, customer_goals="Osaava henkilöstö", review_date=today),
        actor=sari,
    )
    care_services.plan_set_status(plan=plan, status=CarePlan.Status.ACTIVE, actor=sari)
    care_services.plan_mark_reviewed(plan=plan, actor=sari)
    care_services.management_review_record(
        plan=plan, reviewed_on=today, note="Käyty johtoryhmässä.", actor=_user(demo.MGMT_HELENA)
    )
    CarePlan.objects.filter(pk=plan.pk).update(review_date=today + datetime.timedelta(days=2))
    done_action = care_services.action_save(
        action=PlanAction(plan=plan, title="Kartoita tarpeet", owner=sari, due_date=today), actor=sari
    )
    care_services.action_complete(action=done_action, actor=sari)
    care_services.action_save(
        action=PlanAction(
            plan=plan, title="Sovi vuosikatsaus", owner=katja, due_date=today - datetime.timedelta(days=9)
        ),
        actor=sari,
    )
    group = care_services.group_save(
        group=SteeringGroup(organisation=customer, plan=plan, name="Konepajan ohjausryhmä"), actor=sari
    )
    care_services.member_save(
        member=SteeringGroupMember(group=group, name="Pekka Puheenjohtaja", role="chair"), actor=sari
    )
    meeting = care_services.meeting_save(
        meeting=Meeting(group=group, starts_at=timezone.now() + datetime.timedelta(days=7), location="Neuvotteluhuone"),
        actor=sari,
    )

    # Segments: a change by hand, an accepted suggestion, and a strategic customer whose agreement ended.
    segment_services.segment_change(organisation=customer, to_code="key", actor=sari, reason="Laaja yhteistyö.")
    segment_services.suggestion_accept(
        suggestion=SuggestionFactory(
            organisation=Organisation.objects.get(name="Tuonti Kieli Oy"), suggested_code="regular"
        ),
        actor=sari,
    )
    Organisation.objects.filter(pk=unmanaged.pk).update(segment="strategic")
    segment_services.agreements_check(today=today)
    # What the care models require comes due: an annual review (key, strategic) and steering meetings (strategic).
    care_required.required_items_create(today=today)

    # Feedback: a survey nobody can be asked for, one sent and answered by a detractor whose loop is closed,
    # direct feedback both ways, and feedback follow-ups at every reminder stage (run below).
    feedback_invitations.invitations_for_delivery(delivery=delivery)
    crm_services.contact_save(
        contact=Contact(
            organisation=customer,
            first_name="Pirkko",
            last_name="Päättäjä",
            email="pirkko@konepaja.fi",
            is_decision_maker=True,
        ),
        actor=sari,
    )
    surveyed = crm_services.delivery_save(
        delivery=Delivery(
            organisation=customer,
            service_type=staff_training,
            title="Hitsauskoulutus",
            responsible=sari,
            start_date=today - datetime.timedelta(days=20),
        ),
        actor=sari,
    )
    (invitation,) = feedback_invitations.invitations_for_delivery(delivery=surveyed)
    feedback_invitations.invitations_send(now=timezone.now() + datetime.timedelta(days=4))
    invitation.refresh_from_db()
    answer = feedback_answers.response_record(invitation=invitation, score=3, comment="Kouluttaja myöhästyi.")
    feedback_answers.loop_close(
        action=answer.action,
        actor=sari,
        contacted_on=today,
        channel="phone",
        agreed="Uusi aika.",
        corrective_action="Aikataulut tarkistetaan.",
    )
    feedback_answers.direct_feedback_log(organisation=customer, actor=sari, positive=True, comment="Kiitos.")
    rule = LoopRule.objects.get(category="detractor")
    for days in (2, 0, -8):
        heard = feedback_answers.direct_feedback_log(
            organisation=unmanaged, actor=katja, positive=False, comment="Laskutus oli sekava."
        )
        LoopAction.objects.create(
            response=heard,
            organisation=unmanaged,
            rule=rule,
            owner=katja,
            due_date=today + datetime.timedelta(days=days),
        )

    # Care reminders of every stage, an anonymised contact, a customer archived and restored.
    FollowUp.objects.filter(pk=follow_ups[1].pk).update(due_date=today)
    FollowUp.objects.filter(kind=FollowUp.Kind.MANAGER_CHANGE, organisation=unmanaged).update(owner=katja)
    FollowUp.objects.filter(kind=FollowUp.Kind.MANAGER_CHANGE, organisation=unmanaged).update(
        due_date=today - datetime.timedelta(days=8)
    )
    reminders_run(today=today)
    contact = crm_services.contact_save(
        contact=Contact(organisation=customer, first_name="Maija", last_name="Mehiläinen"), actor=sari
    )
    crm_services.contact_anonymise(contact=contact, actor=sari)
    crm_services.organisation_set_archived(organisation=unmanaged, archived=True, actor=admin)
    crm_services.organisation_set_archived(organisation=unmanaged, archived=False, actor=admin)
    return {
        "organisations": [customer, unmanaged],
        "leads": [lead, new, direct, waiting],
        "offers": [offer, *offers, from_need],
        "plan": plan,
        "group": group,
        "meeting": meeting,
        "follow_ups": list(FollowUp.objects.filter(organisation__in=[customer, unmanaged])),
        "feedback": [answer.get_absolute_url(), answer.action.get_absolute_url()],
    }


def _codes_in(message_code: str, params) -> set[str]:
    codes = {message_code}
    for value in (params or {}).values():
        if isinstance(value, dict) and "message" in value:
            codes |= _codes_in(value["message"], value.get("params"))
    return codes


def written_codes() -> set[str]:
    """Every message code the data holds, nested ones included."""
    codes: set[str] = set()
    for model, code, params in (
        (TimelineEntry, "message_code", "message_params"),
        (Notification, "code", "params"),
        (LeadEvent, "code", "params"),
        (FollowUp, "title_code", "title_params"),
    ):
        for row_code, row_params in model.objects.values_list(code, params):
            codes |= _codes_in(row_code, row_params)
    return codes


def _pages(written: dict) -> list[str]:
    demo_customers = list(Organisation.objects.filter(account_manager__isnull=False).order_by("pk")[:3])
    pages = [
        reverse("crm:organisation_list"),
        reverse("crm:my_customers"),
        reverse("crm:my_work"),
        reverse("notifications:list"),
        reverse("notifications:list") + "?page=2",
        reverse("leads:lead_list"),
        reverse("leads:my_leads"),
        reverse("leads:lead_create"),
        reverse("leads:triage"),
        reverse("leads:lead_statistics"),
        reverse("leads:offer_list"),
        reverse("segments:overview"),
        reverse("segments:pivot"),
        reverse("segments:care_models"),
        reverse("segments:overdue"),
        reverse("segments:mailing_list"),
        reverse("segments:suggestions"),
        reverse("care_plans:plan_list"),
        reverse("care_plans:plan_review_list"),
        reverse("care_plans:followup_list"),
        reverse("care_plans:preferences"),
        reverse("care_plans:plan_detail", args=[written["plan"].pk]),
        reverse("care_plans:plan_history", args=[written["plan"].pk]),
        reverse("care_plans:group_detail", args=[written["group"].pk]),
        reverse("care_plans:meeting_detail", args=[written["meeting"].pk]),
    ]
    pages += [reverse("segments:segment_list", args=[code]) for code in Segment.objects.values_list("code", flat=True)]
    for organisation in [*written["organisations"], *demo_customers]:
        pages += [organisation.get_absolute_url(), f"{organisation.get_absolute_url()}?page=2"]
    pages += [reverse("segments:change", args=[written["organisations"][0].pk])]
    pages += [lead.get_absolute_url() for lead in written["leads"]]
    pages += [offer.get_absolute_url() for offer in written["offers"]]
    pages += [follow_up.get_absolute_url() for follow_up in written["follow_ups"]]
    pages += [reverse("feedback:figures"), *written["feedback"]]
    return pages


@pytest.fixture
def demo_written(django_capture_on_commit_callbacks):
    # 30 of the demo's 300 organisations: all of them take about a minute to seed on the CI machine. The apps'
    # after-commit reactions (after-care, care rhythms) run as they would in production.
    with django_capture_on_commit_callbacks(execute=True), translation.override("fi"):
        call_command("seed_demo", "--seed", "2026", "--organisations", "30", stdout=StringIO())
    with django_capture_on_commit_callbacks(execute=True), translation.override("fi"):
        return _write_everything()


def test_english_and_swedish_readers_see_no_finnish_the_system_wrote(client, demo_written):
    readers = {
        Role.TEACHER: _user(demo.TEACHER_JUHA),
        Role.ACCOUNT_MANAGER: _user(demo.AM_SARI),
        Role.MANAGEMENT: _user(demo.MGMT_HELENA),
        Role.ADMIN: _user(demo.ADMIN_EMAIL),
    }
    # The walk reads every sentence the apps register.
    assert {code for code in registered_codes() if not code.startswith("tests.")} <= written_codes()
    pages = _pages(demo_written)
    typed = typed_texts()
    problems: dict[str, list[str]] = {}
    shown: set[str] = set()
    for language in ("en", "sv"):
        phrases = finnish_phrases(language)
        for role, reader in readers.items():
            client.force_login(reader)
            client.cookies["django_language"] = language
            for url in pages:
                response = client.get(url)
                assert response.status_code < 500, f"{url} as {role}"
                if response.status_code != 200:
                    continue
                shown.add(url)
                html = response.content.decode()
                assert f'<html lang="{language}"' in html, url
                found = finnish_on(html, phrases, typed)
                if found:
                    problems[f"{language} {role} {url}"] = sorted(set(found))
    assert problems == {}
    # Every page was read by some role, so the walk did not pass by seeing nothing.
    assert shown == set(pages)
