"""The erasure search over every table that holds text: a name, e-mail and phone planted in every registered
field of a row of every registered table (history tables included) is found, and replaced.

A table registered later needs a row here too: the test fails naming it.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import models
from django.utils import timezone

from accounts.models import Notification
from accounts.tests.factories import UserFactory
from care_plans.models import (
    ManagementReview,
    Meeting,
    NewNeed,
    Referral,
    ServiceStart,
    SteeringGroup,
    SteeringGroupMember,
)
from care_plans.tests.factories import CarePlanFactory, FollowUpFactory, PlanActionFactory
from crm.models import RetentionDecision, ServiceType, TimelineEntry
from crm.tests.factories import (
    AgreementFactory,
    ContactFactory,
    DeliveryFactory,
    InteractionFactory,
    OrganisationFactory,
)
from feedback.models import Answer, LoopAction, LoopRule, Question
from feedback.tests.factories import ResponseFactory, delivery_survey
from kumppani import privacy
from leads.models import LeadEvent, Offer, OfferLine
from leads.tests.factories import LeadFactory
from outbox.models import OutgoingEmail
from roadmap.models import EvidenceLink, Measurement, ProgressUpdate
from roadmap.tests.factories import GoalFactory, IndicatorFactory
from segments.tests.factories import SegmentChangeFactory, SegmentReviewFactory

pytestmark = pytest.mark.django_db

SUBJECT = privacy.Subject(
    pk=0, names=(("Tuulikki", "Täsmäläinen"),), emails=("tuulikki.t@esimerkki.fi",), phones=("+358 44 987 6543",)
)
# Written as people write them: the other name order, upper case, the national phone format with spaces.
TEXTS = ("TÄSMÄLÄINEN Tuulikki", "Tuulikki.T@esimerkki.fi", "044 987 65 43")


def _one_row_in_every_registered_table() -> None:
    contact = ContactFactory()
    organisation = contact.organisation
    InteractionFactory(organisation=organisation)
    TimelineEntry.objects.create(organisation=organisation, occurred_at=timezone.now(), kind="contact")
    delivery = DeliveryFactory(organisation=organisation)
    ServiceStart.objects.create(
        delivery=delivery, need_assessment="Tarve", service_promise="Lupaus", recorded_by=UserFactory()
    )
    AgreementFactory(organisation=organisation)
    RetentionDecision.objects.create(contact=contact, reason="Sopimus", keep_until=datetime.date(2027, 1, 1))
    OutgoingEmail.objects.create(to="someone@example.fi", language="fi", template="emails/test")
    Notification.objects.create(recipient=UserFactory())
    lead = LeadFactory(organisation=organisation)
    LeadEvent.objects.create(lead=lead, state=lead.state)
    offer = Offer.objects.create(
        organisation=organisation, title="Tarjous", responsible=UserFactory(), valid_until=datetime.date(2027, 1, 1)
    )
    OfferLine.objects.create(
        offer=offer, service_type=ServiceType.objects.first(), description="Rivi", unit_price=Decimal("100.00")
    )
    SegmentChangeFactory(organisation=organisation)
    SegmentReviewFactory(organisation=organisation)
    follow_up = FollowUpFactory(organisation=organisation)
    Referral.objects.create(
        organisation=organisation,
        provider=OrganisationFactory(customer_group="stakeholder"),
        need="Tarve",
        contact_name="Yhteyshenkilö",
        arrangement="we_pass",
        created_by=UserFactory(),
    )
    NewNeed.objects.create(follow_up=follow_up, organisation=organisation, description="Tarve")
    plan = CarePlanFactory(organisation=organisation)
    ManagementReview.objects.create(plan=plan, reviewed_on=datetime.date(2026, 1, 1), recorded_by=UserFactory())
    PlanActionFactory(organisation=organisation)
    group = SteeringGroup.objects.create(organisation=organisation, name="Ohjausryhmä")
    SteeringGroupMember.objects.create(
        group=group, name="Jäsen", role=SteeringGroupMember._meta.get_field("role").choices[0][0]
    )
    Meeting.objects.create(group=group, starts_at=timezone.now())
    response = ResponseFactory(organisation=organisation, contact=contact, comment="Kommentti")
    Answer.objects.create(
        response=response,
        question=Question.objects.create(survey=delivery_survey(), kind="text", text_fi="?"),
        value="V",
    )
    LoopAction.objects.create(
        response=response,
        organisation=organisation,
        rule=LoopRule.objects.get(category="detractor"),
        owner=UserFactory(),
        due_date=datetime.date(2027, 1, 1),
    )
    goal = GoalFactory()
    ProgressUpdate.objects.create(goal=goal, author=UserFactory(), state=goal.state, note="Edistyy")
    EvidenceLink.objects.create(goal=goal, title="Muistio", url="https://example.fi/")
    Measurement.objects.create(indicator=IndicatorFactory(), measured_on=datetime.date(2026, 1, 1), value=1)


def _value_for(field, text: str):
    if isinstance(field, models.JSONField):
        return {"note": text, "nested": [text]}
    return text


def test_search_finds_and_replaces_the_person_in_every_registered_text_field():
    _one_row_in_every_registered_table()
    planted: set[str] = set()
    empty = []
    for entry in privacy.entries():
        row = entry.model._base_manager.order_by("pk").first()
        if row is None:
            empty.append(entry.label)
            continue
        for number, name in enumerate(entry.fields):
            field = entry.model._meta.get_field(name)
            entry.model._base_manager.filter(pk=row.pk).update(**{name: _value_for(field, TEXTS[number % 3])})
            planted.add(f"{entry.label}:{row.pk}:{name}")
    assert empty == [], "Give these registered tables a row in _one_row_in_every_registered_table"

    found = {hit.key for hit in privacy.search(SUBJECT)}
    assert planted - found == set()

    hits = [hit for hit in privacy.search(SUBJECT) if hit.key in planted]
    assert privacy.replace(SUBJECT, hits, "[poistettu]") >= len(planted)
    assert {hit.key for hit in privacy.search(SUBJECT)} & planted == set()
