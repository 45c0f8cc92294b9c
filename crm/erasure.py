"""Erasing a contact person everywhere their data is (kumppani.privacy), and what their export shows of it.

The admin first sees every place the person's names, e-mails and phones (every value their history holds)
are found, and confirms which are replaced; the contact's own fields and history rows are always erased.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.messages import build
from crm.messages import contact_added_message
from crm.models import Contact, ContactErasure
from crm.timeline import timeline_add, timeline_update_source
from kumppani import privacy

PERSONAL_FIELDS = ("first_name", "last_name", "title", "work_role", "email", "phone")


def contact_subject(contact: Contact) -> privacy.Subject:
    """The person as the search knows them: the values now and every earlier one in the contact's history.

    An anonymised contact has nothing left to look for: what was erased is gone from their history too.
    """
    if contact.anonymised_at is not None:
        return privacy.Subject(pk=contact.pk)
    rows = [
        {"first_name": contact.first_name, "last_name": contact.last_name, "email": contact.email},
        *contact.history.values("first_name", "last_name", "email", "phone"),
    ]
    phones = {contact.phone, *(row["phone"] for row in rows[1:])}
    return privacy.Subject(
        pk=contact.pk,
        names=tuple(sorted({(row["first_name"], row["last_name"]) for row in rows})),
        emails=tuple(sorted({row["email"] for row in rows if row["email"]})),
        phones=tuple(sorted(phone for phone in phones if phone)),
    )


def _own_rows(contact: Contact):
    """The contact's own row and its history rows: erased whole, so not listed as places."""

    def exclude(entry: privacy.Entry) -> Q | None:
        if entry.model is Contact:
            return Q(pk=contact.pk)
        if entry.history_of is Contact:
            return Q(id=contact.pk)
        return None

    return exclude


def contact_hits(contact: Contact, subject: privacy.Subject | None = None) -> list[privacy.Hit]:
    """Every other place (history rows included) that mentions the person."""
    return privacy.search(subject or contact_subject(contact), exclude=_own_rows(contact))


def proposed(hit: privacy.Hit) -> bool:
    """Whether the review proposes replacing a hit: a row about the contact, or their e-mail or phone.

    A name alone in a row not linked to the contact may be a namesake's: the admin decides.
    """
    return hit.linked or bool({"email", "phone"} & set(hit.kinds))


def placeholder() -> str:
    return _("[erased]")


@transaction.atomic
def contact_anonymise(*, contact: Contact, actor, confirmed: Iterable[str] | None = None) -> ContactErasure:
    """Erase a person: replace the confirmed places, overwrite the contact's own data and its history.

    `confirmed` holds the keys of the hits the admin ticked; None takes the proposal (`proposed`), which is
    what the admin's bulk action does. Hits not confirmed stay as they are. The row stays so interactions
    keep their shape; the erasure is recorded without the erased data.
    """
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    subject = contact_subject(contact)
    hits = contact_hits(contact, subject)
    if confirmed is None:
        chosen = [hit for hit in hits if proposed(hit)]
    else:
        keys = set(confirmed)
        chosen = [hit for hit in hits if hit.key in keys]
    replacements = privacy.replace(subject, chosen, placeholder())

    anonymous = _("Anonymised")
    erased = {name: "" for name in PERSONAL_FIELDS} | {"first_name": anonymous, "last_name": f"#{contact.pk}"}
    for name, value in erased.items():
        setattr(contact, name, value)
    contact.is_active = False
    contact.anonymised_at = timezone.now()
    contact.save()
    # Earlier history rows are wiped too, otherwise the erasure would not be one.
    contact.history.exclude(history_id=contact.history.latest().history_id).update(**erased)
    timeline_update_source(source=contact, **contact_added_message(contact))
    timeline_add(organisation=contact.organisation, kind="contact", actor=actor, **build("crm.contact_anonymised"))
    return ContactErasure.objects.create(
        contact=contact,
        erased_by=actor,
        hits_found=len(hits),
        fields_replaced=len(chosen),
        replacements=replacements,
    )


def export_hits(contact: Contact) -> list[dict]:
    """Every place the person is mentioned, for their data export: what it is, which row, which field, the text."""
    return [
        {
            "model": hit.entry.label,
            "record": hit.record_id,
            "field": hit.field,
            "history": hit.entry.history_of is not None,
            "text": hit.text,
        }
        for hit in contact_hits(contact)
    ]
