"""Finding organisations by a typed term: the register's search and the teachers' autocomplete.

A term matches an organisation by its name, by its business ID (a prefix, only when the term is digits), or
by the name of one of its contact people. Each part is one query on one table through its own index (on
PostgreSQL: trigram indexes on UPPER(name), UPPER(first_name) and UPPER(last_name); a pattern index on the
business ID), and the parts are combined as a UNION of organisation ids. OR-ing the parts in one WHERE, with an
EXISTS over contacts, made PostgreSQL scan both whole tables for every search (over a second at 100,000
organisations); the union costs a few milliseconds for a rare word and tens for a common one.
"""

import re

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import BooleanField, F, Func, Q, QuerySet

from crm.models import Contact, Organisation
from kumppani.lib.business_id import is_valid_business_id, normalise_business_id

# A business ID as people type its start: up to seven digits, then the dash and the check digit, the dash
# optional ("0112038-9", "01120389", "0112038-", "011203").
_BUSINESS_ID_START = re.compile(r"^(\d{1,7})$|^(\d{7})(-?)(\d?)$")


def business_id_prefix(term: str) -> str | None:
    """The start of a stored business ID (canonical 1234567-8) that `term` names, or None for a non-digit term."""
    found = _BUSINESS_ID_START.match(term)
    if not found:
        return None
    if found.group(1):
        return found.group(1)
    number, dash, check = found.group(2), found.group(3), found.group(4)
    return f"{number}-{check}" if dash or check else number


def _contact_condition(term: str) -> Q:
    """Active contacts with the term in their first or last name; "First Last" also matches the pair."""
    condition = Q(is_active=True) & (Q(last_name__icontains=term) | Q(first_name__icontains=term))
    if " " in term:
        first, _sep, last = term.partition(" ")
        condition |= Q(first_name__iexact=first, last_name__icontains=last.strip())
    return condition


def matching_organisation_ids(term: str, *, contacts: bool = True) -> QuerySet | None:
    """The ids of organisations that `term` finds (a UNION query), or None for a blank term.

    `contacts=False` leaves out the contact-person match: teachers may see names, not who works where.
    A valid business ID finds that organisation only.
    """
    term = term.strip()
    if not term:
        return None
    if is_valid_business_id(term):
        return Organisation.objects.filter(business_id=normalise_business_id(term)).order_by().values("pk")
    parts = [Organisation.objects.filter(name__icontains=term).order_by().values("pk")]
    prefix = business_id_prefix(term)
    if prefix:
        parts.append(Organisation.objects.filter(business_id__startswith=prefix).order_by().values("pk"))
    if contacts:
        parts.append(Contact.objects.filter(_contact_condition(term)).order_by().values("organisation_id"))
    first, *rest = parts
    return first.union(*rest) if rest else first


class _IdInArray(Func):
    """`id = ANY(ARRAY(subquery))`: PostgreSQL runs the subquery once, then fetches each row by primary key.

    With `id IN (subquery)` the planner guesses how many ids the union gives, and for a guess of a few thousand
    it scans the whole table to hash-join them, even when the union gives a dozen.
    """

    template = "(%(expressions)s))"
    arg_joiner = " = ANY("
    output_field = BooleanField()


def search_organisations(queryset: QuerySet, term: str, *, contacts: bool = True) -> QuerySet:
    """`queryset` narrowed to the organisations `term` finds (unchanged for a blank term)."""
    ids = matching_organisation_ids(term, contacts=contacts)
    if ids is None:
        return queryset
    if connection.vendor == "postgresql":
        return queryset.filter(_IdInArray(F("pk"), ArraySubquery(ids)))
    return queryset.filter(pk__in=ids)
