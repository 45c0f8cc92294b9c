"""Inviting contact persons to answer: who is asked about what, and sending each invitation and reminder once.

Triggers (a delivery marked done, an after-care follow-up recorded) write one Invitation row per person, due
after the admin-set delay (FeedbackSettings, Kumppani's default 3 days). The delivery's named contact persons are
asked, or the follow-up's contact; else the customer's decision-makers; else nobody, and a row without a
contact says why (My work shows it). The unique constraints make a trigger that runs twice write nothing more.

Sending is a claim, like the reminder engine's: due rows are locked with SKIP LOCKED and marked sent in the
transaction that queues their mail in the outbox (with a dedupe key), so two runs at once send each invitation
and its one reminder exactly once. The engine itself reminds staff users; a survey goes to a customer's contact
person, so it is claimed here by the same pattern rather than squeezed into the engine's user recipients.
Whether the person may be asked is decided when the invitation goes out, not when it is written: an opt-out
or another survey during the delay counts.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from care_plans.models import FollowUp
from crm.models import Contact, ContactPreference
from crm.preferences import contacts_reachable
from crm.timeline import timeline_add
from feedback import messages
from feedback.models import FeedbackSettings, Invitation, Survey
from links.services import link_create
from outbox.services import emails_queue

Status, Reason = Invitation.Status, Invitation.Reason
SURVEY_LINK = "survey"
BATCH = 500
INVITATION_TEMPLATE = "emails/feedback/invitation"
REMINDER_TEMPLATE = "emails/feedback/reminder"


def decision_makers(organisation) -> list[Contact]:
    return list(
        Contact.objects.filter(
            organisation=organisation, is_decision_maker=True, is_active=True, anonymised_at__isnull=True
        ).order_by("pk")
    )


def _invite(*, survey: Survey, organisation, contacts: list[Contact], **subject) -> list[Invitation]:
    """One scheduled row per person, or a "not sent" row when there is nobody; a second run adds nothing."""
    now = timezone.now()
    config = FeedbackSettings.load()
    send_after = now + datetime.timedelta(days=config.invite_delay_days)
    if not contacts:
        note = Invitation(
            survey=survey,
            organisation=organisation,
            status=Status.NOT_SENT,
            reason=Reason.NO_CONTACT,
            send_after=now,
            **subject,
        )
        try:
            with transaction.atomic():  # a second run meets the unique note and writes nothing more
                note.save()
        except IntegrityError:
            return []
        timeline_add(organisation=organisation, kind="feedback", source=note, **messages.not_sent_message(note))
        return []
    rows = [
        Invitation(
            survey=survey,
            organisation=organisation,
            contact=contact,
            language=contact.language,
            send_after=send_after,
            **subject,
        )
        for contact in contacts
    ]
    Invitation.objects.bulk_create(rows, ignore_conflicts=True)
    return list(Invitation.objects.filter(survey=survey, contact__in=contacts, **subject))


def invitations_for_delivery(*, delivery) -> list[Invitation]:
    survey = Survey.open_of_kind(Survey.Kind.DELIVERY, timezone.localdate())
    if survey is None:
        return []
    contacts = [c for c in delivery.contacts.all() if c.is_active and c.anonymised_at is None]
    contacts = contacts or decision_makers(delivery.organisation)
    return _invite(survey=survey, organisation=delivery.organisation, contacts=contacts, delivery=delivery)


def invitations_for_follow_up(*, follow_up) -> list[Invitation]:
    # Only an after-care contact is a service the customer can rate; annual reviews, steering group meetings,
    # progress checks and referrals that a care model brings due are our own steps, not asked about.
    if follow_up.kind != FollowUp.Kind.AFTER_CARE:
        return []
    survey = Survey.open_of_kind(Survey.Kind.FOLLOW_UP, timezone.localdate())
    if survey is None:
        return []
    contact = follow_up.contact
    contacts = [contact] if contact and contact.is_active and contact.anonymised_at is None else []
    contacts = contacts or decision_makers(follow_up.organisation)
    return _invite(survey=survey, organisation=follow_up.organisation, contacts=contacts, follow_up=follow_up)


def _link_lifetime(survey: Survey, now: datetime.datetime, config: FeedbackSettings) -> datetime.timedelta:
    closes = survey.closes_at()
    if closes is not None:
        return closes - now
    return datetime.timedelta(days=config.answer_days)


def _why_not(invitation: Invitation, reachable: set[int], recent: set[int], now) -> str:
    survey = invitation.survey
    if not survey.is_active or (survey.closes_at() is not None and survey.closes_at() <= now):
        return Reason.CLOSED
    contact = invitation.contact
    if not contact.email:
        return Reason.NO_EMAIL
    if contact.pk not in reachable:
        return Reason.REFUSED
    if contact.pk in recent:
        return Reason.RECENTLY_ASKED
    return ""


def _send_batch(now: datetime.datetime, config: FeedbackSettings) -> int:
    """Claim up to BATCH due invitations, decide each, queue the mail of those sent. Returns how many were claimed."""
    with transaction.atomic():
        batch = list(
            Invitation.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(status=Status.SCHEDULED, send_after__lte=now)
            .select_related("survey", "contact", "organisation")
            .order_by("send_after", "pk")[:BATCH]
        )
        if not batch:
            return 0
        ids = {i.contact_id for i in batch}
        reachable = set(
            contacts_reachable(Contact.objects.filter(pk__in=ids), ContactPreference.Kind.SURVEYS).values_list(
                "pk", flat=True
            )
        )
        since = now - datetime.timedelta(days=config.contact_quiet_days)
        recent = set(
            Invitation.objects.filter(contact__in=ids, sent_at__gte=since)
            .exclude(pk__in=[i.pk for i in batch])
            .values_list("contact_id", flat=True)
        )
        mails = []
        for invitation in batch:
            invitation.reason = _why_not(invitation, reachable, recent, now)
            if invitation.reason:
                invitation.status = Status.NOT_SENT
                continue
            recent.add(invitation.contact_id)  # one survey per person in this run too
            invitation.link = link_create(
                purpose=SURVEY_LINK,
                target=invitation,
                expires_in=_link_lifetime(invitation.survey, now, config),
                max_uses=1,
            )
            invitation.status, invitation.sent_at = Status.SENT, now
            mails.append(
                {
                    "to": invitation.contact.email,
                    "template": INVITATION_TEMPLATE,
                    "context": {"contact": invitation.contact_id, "invitation": invitation.pk},
                    "language": invitation.language,
                    "dedupe_key": f"feedback-invitation:{invitation.pk}",
                }
            )
            timeline_add(
                organisation=invitation.organisation,
                kind="feedback",
                source=invitation,
                **messages.invited_message(invitation),
            )
        Invitation.objects.bulk_update(batch, ["status", "reason", "link", "sent_at"])
        emails_queue(mails)
        return len(batch)


def invitations_send(*, now: datetime.datetime | None = None) -> int:
    """Send every due invitation (in batches, each its own transaction). Returns how many were decided."""
    now = now or timezone.now()
    config = FeedbackSettings.load()
    total = 0
    while claimed := _send_batch(now, config):
        total += claimed
    return total


def reminders_send(*, now: datetime.datetime | None = None) -> int:
    """The one reminder of an unanswered invitation whose link is still open, claimed like the invitation."""
    now = now or timezone.now()
    config = FeedbackSettings.load()
    before = now - datetime.timedelta(days=config.reminder_after_days)
    total = 0
    while True:
        with transaction.atomic():
            batch = list(
                Invitation.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(
                    status=Status.SENT,
                    sent_at__lte=before,
                    reminded_at__isnull=True,
                    link__expires_at__gt=now,
                    link__revoked_at__isnull=True,
                    link__uses=0,
                )
                .select_related("contact")
                .order_by("sent_at", "pk")[:BATCH]
            )
            if not batch:
                return total
            for invitation in batch:
                invitation.reminded_at = now
            Invitation.objects.bulk_update(batch, ["reminded_at"])
            emails_queue(
                [
                    {
                        "to": invitation.contact.email,
                        "template": REMINDER_TEMPLATE,
                        "context": {"contact": invitation.contact_id, "invitation": invitation.pk},
                        "language": invitation.language,
                        "dedupe_key": f"feedback-reminder:{invitation.pk}",
                    }
                    for invitation in batch
                    if invitation.contact.email
                ]
            )
            total += len(batch)


@transaction.atomic
def invitation_dismiss(*, invitation: Invitation, actor) -> None:
    """Take a "not sent" note off My work (the row and its reason stay)."""
    Invitation.objects.filter(pk=invitation.pk, dismissed_at__isnull=True).update(
        dismissed_at=timezone.now(), dismissed_by=actor
    )
