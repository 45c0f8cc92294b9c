"""What of a person the outbox holds: the address, the stored context and headers, the rendered subject."""

from django.db.models import Q

from kumppani.privacy import register
from outbox.models import OutgoingEmail


def _to_the_person(subject) -> Q | None:
    return Q(to__iexact=subject.email) if subject.email else None


register(OutgoingEmail, ["to", "context", "headers", "subject", "last_error"], linked=_to_the_person)
