"""Organisations by name for passing a lead: names only, since teachers use this."""

import re

from django.db.models.functions import Lower

from crm.access import nameable_organisations
from crm.models import Organisation
from crm.search import search_organisations
from kumppani.lib.business_id import is_valid_business_id, normalise_business_id

_BUSINESS_ID_IN_TEXT = re.compile(r"(\d{7}-?\d)")


def match_organisations(user, term: str, limit: int = 10):
    """Up to `limit` organisations whose name contains `term` or whose business ID is `term`.

    crm.search without the contact-person match: teachers may see names, not who works where. On PostgreSQL
    UPPER(name) is trigram-indexed; order by Lower(name).
    """
    term = term.strip()
    if len(term) < 2:
        return Organisation.objects.none()
    queryset = search_organisations(nameable_organisations(user), term, contacts=False)
    return queryset.order_by(Lower("name"), "pk").only("pk", "name", "business_id")[:limit]


def resolve_organisation(user, text: str) -> Organisation | None:
    """The server-side fallback when nothing was picked: a business ID in the text, else a unique exact name."""
    text = text.strip()
    if not text:
        return None
    visible = nameable_organisations(user)
    found = _BUSINESS_ID_IN_TEXT.search(text)
    if found and is_valid_business_id(found.group(1)):
        match = visible.filter(business_id=normalise_business_id(found.group(1))).first()
        if match:
            return match
    name = re.sub(r"\s*\(\d{7}-?\d\)\s*$", "", text)
    matches = list(visible.filter(name__iexact=name)[:2])
    return matches[0] if len(matches) == 1 else None
