"""The retention review: contact persons with no activity for N years (RegisterSettings), for a person to decide.

Activity is what the register records about the person with a date: the contact row's creation, a change to
it (its history), an interaction they took part in, a decision on their mail, and mail sent to their address.
A decision to keep them hides them from the review for a year. Each test is a NOT EXISTS over an index (the
interaction participants' contact index, the history's id index, the outbox's recipient index, the
decisions' (contact, keep_until) index), and the list is ordered by the partial index on creation.
"""

import datetime

from django.db import transaction
from django.db.models import Exists, F, Max, OuterRef, Q, Subquery
from django.db.models.functions import Greatest, Upper
from django.utils import timezone

from crm.models import Contact, ContactPreference, Interaction, RegisterSettings, RetentionDecision
from outbox.models import OutgoingEmail

KEEP_FOR = datetime.timedelta(days=365)  # a kept contact is not listed again for a year


def retention_cutoff(now: datetime.datetime | None = None) -> datetime.datetime:
    now = now or timezone.now()
    years = RegisterSettings.load().retention_years
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February
        return now.replace(year=now.year - years, day=28)


def inactive_contacts(now: datetime.datetime | None = None):
    """Contacts not anonymised whose every activity is older than the cutoff and not kept by a decision."""
    now = now or timezone.now()
    cutoff = retention_cutoff(now)
    participants = Interaction.contacts.through.objects.filter(
        contact_id=OuterRef("pk"), interaction__occurred_at__gte=cutoff
    )
    changes = Contact.history.model.objects.filter(id=OuterRef("pk"), history_date__gte=cutoff)
    preferences = ContactPreference.objects.filter(contact=OuterRef("pk"), date__gte=cutoff.date())
    mail = OutgoingEmail.objects.annotate(upper_to=Upper("to")).filter(
        upper_to=Upper(OuterRef("email")), created_at__gte=cutoff
    )
    kept = RetentionDecision.objects.filter(contact=OuterRef("pk"), keep_until__gt=now.date())
    return (
        Contact.objects.filter(anonymised_at__isnull=True, created_at__lt=cutoff)
        .exclude(Exists(participants))
        .exclude(Exists(changes))
        .exclude(Exists(preferences))
        .exclude(~Q(email="") & Exists(mail))
        .exclude(Exists(kept))
        .order_by("created_at", "pk")
    )


def with_last_activity(contacts):
    """The latest activity of each contact on a page (one subquery each, for the rows shown only)."""
    last_interaction = (
        Interaction.contacts.through.objects.filter(contact_id=OuterRef("pk"))
        .values("contact_id")
        .annotate(last=Max("interaction__occurred_at"))
        .values("last")
    )
    last_change = (
        Contact.history.model.objects.filter(id=OuterRef("pk")).values("id").annotate(last=Max("history_date"))
    ).values("last")
    return contacts.annotate(
        last_interaction=Subquery(last_interaction),
        last_change=Subquery(last_change),
        last_activity=Greatest(F("created_at"), Subquery(last_interaction), Subquery(last_change)),
    )


@transaction.atomic
def retention_keep(*, contact: Contact, actor, reason: str, today: datetime.date | None = None) -> RetentionDecision:
    """Record that the contact's data is kept, and why; they are not listed again for a year."""
    today = today or timezone.localdate()
    decision = RetentionDecision(contact=contact, decided_by=actor, reason=reason.strip(), keep_until=today + KEEP_FOR)
    decision.full_clean()
    decision.save()
    return decision
