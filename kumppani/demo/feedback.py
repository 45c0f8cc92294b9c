"""Demo feedback: survey answers over the last two years on customers with done deliveries, a detractor's loop
(one closed, one open for the account manager), direct feedback heard on a visit. Deterministic for a seed."""

import datetime
import random

from django.utils import timezone

from accounts.models import User
from crm.models import ContactRole, Delivery
from feedback.models import Invitation, LoopAction, LoopRule, Response, Survey
from feedback.services import answers
from kumppani.lib.nps import category
from kumppani.lib.workdays import add_working_days

from . import vocabulary as v

COMMENTS = {
    "promoter": ["Kouluttaja tunsi alan hyvin.", "Joustava aikataulu ja selkeä viestintä.", "Hyvä kokonaisuus."],
    "passive": ["Sisältö hyvä, käytännön esimerkkejä olisi voinut olla enemmän.", "Ihan ok."],
    "detractor": ["Koulutus alkoi myöhässä eikä siitä kerrottu.", "Laskutus oli sekava.", ""],
}
# Roughly Gradia's baseline: many promoters, some passives, a few detractors.
SCORES = [10, 10, 10, 9, 9, 9, 9, 8, 8, 7, 6, 5, 3]


def seed_feedback(*, seed: int, users: dict[str, User]) -> int:
    """Answers for done deliveries; returns how many were written."""
    rng = random.Random(seed)
    survey = Survey.objects.filter(kind=Survey.Kind.DELIVERY).order_by("pk").first()
    roles = list(ContactRole.objects.all())
    now = timezone.now()
    deliveries = (
        Delivery.objects.filter(status=Delivery.Status.DONE, organisation__contacts__isnull=False)
        .select_related("organisation")
        .distinct()
        .order_by("pk")
    )
    written = 0
    for delivery in deliveries:
        organisation = delivery.organisation
        contact = organisation.contacts.order_by("pk").first()
        if contact.role_id is None:
            contact.role = rng.choice(roles)
            contact.save(update_fields=["role"])
        answered_at = now - datetime.timedelta(days=rng.randint(3, 700), hours=rng.randint(0, 8))
        invitation, _created = Invitation.objects.get_or_create(
            survey=survey,
            delivery=delivery,
            contact=contact,
            defaults={
                "organisation": organisation,
                "status": Invitation.Status.SENT,
                "send_after": answered_at - datetime.timedelta(days=2),
                "sent_at": answered_at - datetime.timedelta(days=2),
            },
        )
        if rng.random() < 0.35 or invitation.status == Invitation.Status.ANSWERED:
            continue  # not answered: the response rate is not 100 %
        score = rng.choice(SCORES)
        kind = category(score)
        Response.objects.create(
            source=Response.Source.SURVEY,
            survey=survey,
            invitation=invitation,
            organisation=organisation,
            contact=contact,
            delivery=delivery,
            score=score,
            category=kind,
            comment=rng.choice(COMMENTS[kind]),
            role=contact.role,
            is_decision_maker=contact.is_decision_maker,
            service_type_id=delivery.service_type_id,
            unit_id=organisation.responsible_unit_id,
            account_manager_id=organisation.account_manager_id,
            customer_group=organisation.customer_group,
            segment=organisation.segment,
            answered_at=answered_at,
        )
        Invitation.objects.filter(pk=invitation.pk).update(status=Invitation.Status.ANSWERED)
        written += 1
    _loops(users, now)
    for organisation_id in Response.objects.values_list("organisation_id", flat=True).distinct():
        answers.organisation_nps_refresh(organisation_id=organisation_id)
    return written


def _loops(users: dict[str, User], now) -> None:
    """Sari's detractors: the older ones closed, the latest one open in her My work; a direct feedback note."""
    sari = users.get(v.AM_SARI)
    rule = LoopRule.objects.filter(category="detractor").first()
    if sari is None or rule is None:
        return
    detractors = list(
        Response.objects.filter(category="detractor", organisation__account_manager=sari).order_by("-answered_at")[:4]
    )
    for number, response in enumerate(detractors):
        opened = timezone.localdate(response.answered_at)
        action = LoopAction.objects.create(
            response=response,
            organisation=response.organisation,
            rule=rule,
            owner=sari,
            due_date=add_working_days(max(opened, timezone.localdate()) if number == 0 else opened, 2),
            created_at=response.answered_at,
        )
        if number:
            LoopAction.objects.filter(pk=action.pk).update(
                status=LoopAction.Status.CLOSED,
                contacted_on=opened + datetime.timedelta(days=1),
                channel=LoopAction.Channel.PHONE,
                agreed="Sovittiin uusi aloitusajankohta ja yhteyshenkilö.",
                corrective_action="Aikataulumuutoksista ilmoitetaan asiakkaalle viikkoa ennen.",
                closed_at=response.answered_at + datetime.timedelta(days=1 + number % 3),
                closed_by=sari,
            )
    first = sari.managed_organisations.order_by("pk").first()
    if first is not None:
        answers.direct_feedback_log(
            organisation=first,
            actor=sari,
            positive=True,
            comment="Kiitosta työpaikkaohjaajien koulutuksesta yritysvierailulla.",
            corrective_action="",
        )
