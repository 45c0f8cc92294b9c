"""A contact's communication preferences: who may be sent which kind of mail, and unsubscribing from it.

The rules (docs/ARCHITECTURE.md, "A contact's communication preferences"): surveys go to every active contact
with an address who has not refused them; newsletters and campaigns and event invitations only to those who
consented. Every mail of these kinds is registered with `register_contact_mail`, which puts a one-click
unsubscribe link in the body and in the List-Unsubscribe headers (RFC 8058) with a fresh token each time it is
rendered, and refuses to render it for a contact who may no longer receive that kind.
"""

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from crm.models import Contact, ContactPreference
from kumppani.web.urls import absolute_url
from links.models import PublicLink
from links.services import link_create, link_token_issue, link_use, links_for
from outbox.context import Rendered, register_context

Kind = ContactPreference.Kind
Status = ContactPreference.Status
Source = ContactPreference.Source

UNSUBSCRIBE = "unsubscribe"
# An unsubscribe link lives long, as old mails stay in inboxes; a mail is never sent with one that has less
# than a year left (a new invitation is made instead).
UNSUBSCRIBE_LINK_LIFETIME = datetime.timedelta(days=3 * 365)
UNSUBSCRIBE_LINK_MIN_REMAINING = datetime.timedelta(days=365)


class ContactUnreachable(Exception):
    """The contact may not (or no longer) receive this kind of mail."""


@dataclass(frozen=True)
class Decision:
    kind: str
    status: str
    date: datetime.date
    source: str


def contacts_reachable(queryset: QuerySet[Contact], kind: str) -> QuerySet[Contact]:
    """The contacts of `queryset` that may be sent mail of `kind`, annotated with `preference_date`.

    Only active, not anonymised contacts with an e-mail address. `preference_date` is the date of the recorded
    decision on this kind (the consent's date for opt-in kinds), or None.
    """
    decisions = ContactPreference.objects.filter(contact=OuterRef("pk"), kind=kind)
    reachable = queryset.filter(is_active=True, anonymised_at__isnull=True).exclude(email="")
    if ContactPreference.needs_consent(kind):
        reachable = reachable.filter(Exists(decisions.filter(status=Status.CONSENTED)))
    else:
        reachable = reachable.exclude(Exists(decisions.filter(status=Status.REFUSED)))
    return reachable.annotate(preference_date=Subquery(decisions.values("date")[:1]))


def contact_is_reachable(contact: Contact, kind: str) -> bool:
    return contacts_reachable(Contact.objects.filter(pk=contact.pk), kind).exists()


def preference_record(*, contact: Contact, decision: Decision) -> ContactPreference:
    """Record a decision on one kind; an unchanged decision writes nothing (no history row either)."""
    preference = ContactPreference.objects.filter(contact=contact, kind=decision.kind).first()
    if preference is None:
        preference = ContactPreference(contact=contact, kind=decision.kind)
    elif (preference.status, preference.date, preference.source) == (decision.status, decision.date, decision.source):
        return preference
    preference.status, preference.date, preference.source = decision.status, decision.date, decision.source
    preference.full_clean()
    preference.save()
    return preference


# --- unsubscribing --------------------------------------------------------------------------------------------


def unsubscribe_link(contact: Contact, kind: str) -> PublicLink:
    """The contact's open unsubscribe invitation for `kind`, made if there is none with a year left."""
    open_link = (
        links_for(purpose=UNSUBSCRIBE, target=contact, scope=kind)
        .filter(revoked_at__isnull=True, expires_at__gt=timezone.now() + UNSUBSCRIBE_LINK_MIN_REMAINING)
        .order_by("-expires_at")
        .first()
    )
    if open_link is not None:
        return open_link
    return link_create(
        purpose=UNSUBSCRIBE, target=contact, scope=kind, expires_in=UNSUBSCRIBE_LINK_LIFETIME, max_uses=None
    )


def unsubscribe_url(contact: Contact, kind: str) -> str:
    """An address that unsubscribes the contact from `kind`, with a fresh token (make one per mail)."""
    token = link_token_issue(unsubscribe_link(contact, kind))
    return absolute_url(reverse("unsubscribe", args=[token]))


def unsubscribe_target(link: PublicLink) -> tuple[Contact, str]:
    return Contact.objects.get(pk=link.target_id), link.scope


@transaction.atomic
def unsubscribe(*, link: PublicLink) -> ContactPreference:
    """Record the refusal the link stands for: source "unsubscribe link", today's date."""
    link_use(link)
    contact, kind = unsubscribe_target(link)
    decision = Decision(kind=kind, status=Status.REFUSED, date=timezone.localdate(), source=Source.UNSUBSCRIBE_LINK)
    return preference_record(contact=contact, decision=decision)


# --- mail to contacts -----------------------------------------------------------------------------------------

ContactProvider = Callable[[dict[str, Any], Contact], Mapping[str, Any]]


def register_contact_mail(template_prefix: str, *, kind: str, provider: ContactProvider) -> None:
    """Register mail of `kind` to a contact (stored context: {"contact": id, ...}) with the outbox.

    At render time the contact must still be reachable for `kind` (a refusal after queueing stops the mail);
    the provider's context gets `contact` and `unsubscribe_url`, and the mail the List-Unsubscribe headers,
    all with one fresh token.
    """
    if kind not in Kind.values:
        raise ValueError(f"unknown kind of contact mail: {kind}")

    def render(stored: dict[str, Any]) -> Rendered:
        contact = Contact.objects.get(pk=stored["contact"])
        if not contact_is_reachable(contact, kind):
            raise ContactUnreachable(f"contact {contact.pk} may not receive {kind}")
        url = unsubscribe_url(contact, kind)
        context = {**provider(stored, contact), "contact": contact, "unsubscribe_url": url}
        headers = {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
        return Rendered(context=context, headers=headers)

    register_context(template_prefix, render)
