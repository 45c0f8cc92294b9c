"""What of a person the outbox holds: the address, the stored context and headers, the rendered subject."""

from django.db.models import Q

from kumppani.privacy import register
from outbox.models import OutgoingEmail


def _to_the_person(subject) -> Q | None:
    condition = Q()
    for email in subject.emails:
        condition |= Q(to__iexact=email)
    return condition or None


register(OutgoingEmail, ["to", "context", "headers", "subject", "last_error"], linked=_to_the_person)
