"""Saving an answer (a survey's or one heard directly), the loop it opens, and the customer's stored NPS."""

import datetime

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from accounts.notifications import notify
from crm.models import Organisation
from crm.timeline import timeline_add
from feedback import messages
from feedback.models import COMMENT_MAX, Answer, Invitation, LoopAction, LoopRule, Question, Response
from kumppani.lib.nps import DETRACTOR, PASSIVE, PROMOTER, Nps, category
from kumppani.lib.workdays import add_working_days
from links.services import link_use

TWELVE_MONTHS = datetime.timedelta(days=365)


def _at_that_time(organisation: Organisation) -> dict:
    """What figures group by, as the customer is now: a later move to another unit rewrites no past answer."""
    return {
        "organisation": organisation,
        "unit_id": organisation.responsible_unit_id,
        "account_manager_id": organisation.account_manager_id,
        "customer_group": organisation.customer_group,
        "segment": organisation.segment,
    }


@transaction.atomic
def response_record(
    *, invitation: Invitation, score: int, comment: str = "", answers: dict[Question, str] | None = None
) -> Response:
    """Save the answer to an invitation and use its single-use link (LinkGone if it was used meanwhile).

    The optional questions may be left empty: the score alone is an answer.
    """
    link_use(invitation.link)
    contact, delivery, follow_up = invitation.contact, invitation.delivery, invitation.follow_up
    service_delivery = delivery or (follow_up.delivery if follow_up else None)
    response = Response(
        source=Response.Source.SURVEY,
        survey=invitation.survey,
        invitation=invitation,
        contact=contact,
        delivery=delivery,
        follow_up=follow_up,
        score=score,
        category=category(score),
        comment=comment[:COMMENT_MAX],
        role_id=contact.role_id if contact else None,
        is_decision_maker=bool(contact and contact.is_decision_maker),
        service_type_id=service_delivery.service_type_id if service_delivery else None,
        language=invitation.language,
        **_at_that_time(invitation.organisation),
    )
    response.full_clean()
    response.save()
    Answer.objects.bulk_create(
        Answer(response=response, question=question, value=value[:COMMENT_MAX])
        for question, value in (answers or {}).items()
        if value.strip()
    )
    Invitation.objects.filter(pk=invitation.pk).update(status=Invitation.Status.ANSWERED)
    timeline_add(
        organisation=invitation.organisation, kind="feedback", source=response, **messages.answered_message(response)
    )
    loop_open(response=response)
    organisation_nps_refresh(organisation_id=invitation.organisation_id)
    return response


@transaction.atomic
def direct_feedback_log(
    *, organisation: Organisation, actor, positive: bool, comment: str, corrective_action: str = "", followed_up_by=None
) -> Response:
    """Feedback heard on a visit or by phone, logged by staff: counted beside survey answers, marked as direct."""
    response = Response(
        source=Response.Source.DIRECT,
        positive=positive,
        comment=comment[:COMMENT_MAX],
        corrective_action=corrective_action[:COMMENT_MAX],
        followed_up_by=followed_up_by,
        logged_by=actor,
        **_at_that_time(organisation),
    )
    response.full_clean()
    response.save()
    timeline_add(
        organisation=organisation, kind="feedback", actor=actor, source=response, **messages.direct_message(response)
    )
    return response


def loop_open(*, response: Response) -> LoopAction | None:
    """The follow-up an answer's category calls for by its rule, for the account manager (else the unit's head)."""
    rule = LoopRule.objects.filter(category=response.category, is_active=True).first()
    organisation = response.organisation
    owner = organisation.account_manager or (
        organisation.responsible_unit.head if organisation.responsible_unit_id else None
    )
    if rule is None or owner is None:
        return None
    action = LoopAction.objects.create(
        response=response,
        organisation=organisation,
        rule=rule,
        owner=owner,
        due_date=add_working_days(timezone.localdate(), rule.working_days),
    )
    notify(recipient=owner, url=action.get_absolute_url(), **messages.action_title_message(rule, organisation))
    return action


@transaction.atomic
def loop_close(
    *, action: LoopAction, actor, contacted_on: datetime.date, channel: str, agreed: str, corrective_action: str
) -> LoopAction:
    """Close the loop: the contact made, what was agreed and the corrective action."""
    action = LoopAction.objects.select_for_update().get(pk=action.pk)
    if action.status == LoopAction.Status.CLOSED:
        return action
    action.contacted_on, action.channel = contacted_on, channel
    action.agreed, action.corrective_action = agreed, corrective_action
    action.status, action.closed_at, action.closed_by = LoopAction.Status.CLOSED, timezone.now(), actor
    action.full_clean()
    action.save()
    timeline_add(
        organisation=action.organisation,
        kind="feedback",
        actor=actor,
        url=action.get_absolute_url(),
        **messages.action_closed_message(action),
    )
    return action


def nps_counts(responses) -> Nps:
    """The counts behind NPS of survey answers in `responses`, in one aggregate query."""
    figures = responses.filter(source=Response.Source.SURVEY).aggregate(
        promoters=Count("pk", filter=Q(category=PROMOTER)),
        passives=Count("pk", filter=Q(category=PASSIVE)),
        detractors=Count("pk", filter=Q(category=DETRACTOR)),
    )
    return Nps(figures["promoters"], figures["passives"], figures["detractors"])


def organisation_nps_refresh(*, organisation_id: int, now: datetime.datetime | None = None) -> Nps:
    """Store the last 12 months' NPS and answer count on the organisation row (lists filter and sort on them)."""
    since = (now or timezone.now()) - TWELVE_MONTHS
    nps = nps_counts(Response.objects.filter(organisation_id=organisation_id, answered_at__gte=since))
    Organisation.objects.filter(pk=organisation_id).update(nps_12m=nps.rounded, nps_12m_answers=nps.answers)
    return nps


def organisations_nps_refresh(*, now: datetime.datetime | None = None) -> int:
    """Nightly: answers age out of the 12 months, so every organisation with a stored NPS or a recent answer."""
    since = (now or timezone.now()) - TWELVE_MONTHS
    ids = set(Organisation.objects.filter(nps_12m_answers__gt=0).values_list("pk", flat=True))
    ids |= set(Response.objects.filter(answered_at__gte=since).values_list("organisation_id", flat=True).distinct())
    for organisation_id in ids:
        organisation_nps_refresh(organisation_id=organisation_id, now=now)
    return len(ids)
