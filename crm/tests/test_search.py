"""Search finds the same organisations as a plain OR query, while each part goes through its own index."""

import re

import pytest
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from crm.models import Contact, Organisation
from crm.search import business_id_prefix, matching_organisation_ids, search_organisations
from crm.tests.factories import ContactFactory, OrganisationFactory
from kumppani.lib.business_id import is_valid_business_id, normalise_business_id
from leads.services import match_organisations

pytestmark = pytest.mark.django_db


def _business_id(number: int) -> str:
    """The valid business ID of a seven-digit number, or "" when no check digit makes it valid."""
    digits = f"{number:07d}"
    remainder = sum(int(d) * w for d, w in zip(digits, (7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    if remainder == 1:
        return ""
    return f"{digits}-{0 if remainder == 0 else 11 - remainder}"


def _reference(term: str, *, contacts: bool = True) -> set[int]:
    """The plain query: name, business ID prefix and contact names OR-ed in one WHERE (slow, but obviously right).

    A business ID prefix is typed with or without its dash ("01120389" is "0112038-9").
    """
    term = term.strip()
    if is_valid_business_id(term):
        return set(Organisation.objects.filter(business_id=normalise_business_id(term)).values_list("pk", flat=True))
    condition = Q(name__icontains=term)
    if re.fullmatch(r"\d{1,7}|\d{7}-?\d?", term):
        compact = term.replace("-", "")
        prefix = compact if len(compact) <= 7 and not term.endswith("-") else f"{compact[:7]}-{compact[7:]}"
        condition |= Q(business_id__startswith=prefix)
    if contacts:
        people = Contact.objects.filter(organisation=OuterRef("pk"))
        condition |= Exists(
            people.filter(is_active=True).filter(Q(last_name__icontains=term) | Q(first_name__icontains=term))
        )
        if " " in term:
            first, _sep, last = term.partition(" ")
            condition |= Exists(people.filter(first_name__iexact=first, last_name__icontains=last.strip()))
    return set(Organisation.objects.filter(condition).values_list("pk", flat=True))


@pytest.fixture
def register():
    """Names with a common word and a rare one, business IDs sharing a start, contacts, an inactive contact."""
    for i in range(12):
        OrganisationFactory(name=f"Rakennus {i} Oy", business_id=_business_id(112030 + i))
    OrganisationFactory(name="Jyväskylän Sähkö Qxyzzy Oy", business_id=_business_id(2345678))
    OrganisationFactory(name="Puutarha Oy", business_id="")
    for i in range(6):
        ContactFactory(organisation=OrganisationFactory(name=f"Konepaja {i}"), first_name="Matti", last_name="Virtanen")
    ContactFactory(organisation=OrganisationFactory(name="Hoiva Oy"), first_name="Anna", last_name="Zrarename")
    ContactFactory(organisation=OrganisationFactory(name="Laite Oy"), first_name="Rakennus", last_name="Mäkinen")
    ContactFactory(
        organisation=OrganisationFactory(name="Entinen Oy"), first_name="Pekka", last_name="Lähtenyt", is_active=False
    )
    ContactFactory(organisation=OrganisationFactory(name="Kauppa Ky"), first_name="Anna", last_name="Virtanen-Koski")
    OrganisationFactory(name="Arkistoitu Rakennus Oy", is_archived=True)


TERMS = [
    "Rakennus",  # a common word: in a dozen names and a contact's first name
    "rakennus",
    "Qxyzzy",  # a rare word
    "Virtanen",  # a common contact name
    "Zrarename",  # a rare contact name
    "Matti Virtanen",  # first and last name
    "Anna Virtanen",
    "Lähtenyt",  # an inactive contact: not found by name
    "Pekka Lähtenyt",  # but found by the full name, as before
    _business_id(112031),  # a whole business ID with its dash
    _business_id(112031).replace("-", ""),  # and without
    "0112",  # a business ID's start
    "0112031",
    "0112031-",
    "2345678",
    "00000000",  # eight digits that are no business ID
    "12-34",
    "Oy",
    "nothing matches this",
]


@pytest.mark.usefixtures("register")
@pytest.mark.parametrize("term", TERMS)
def test_search_finds_what_the_plain_query_finds(term):
    found = set(search_organisations(Organisation.objects.all(), term).values_list("pk", flat=True))
    assert found == _reference(term)
    assert found or term in ("nothing matches this", "00000000", "12-34", "Lähtenyt")


@pytest.mark.usefixtures("register")
@pytest.mark.parametrize("term", TERMS)
def test_autocomplete_finds_what_the_plain_query_finds_without_contacts(term, teacher):
    visible = _reference(term, contacts=False) - set(
        Organisation.objects.filter(is_archived=True).values_list("pk", flat=True)
    )
    expected = sorted(Organisation.objects.filter(pk__in=visible), key=lambda o: (o.name.lower(), o.pk))[:10]
    assert list(match_organisations(teacher, term)) == expected


def test_blank_term_leaves_the_list_as_it_is():
    queryset = Organisation.objects.all()
    assert search_organisations(queryset, "  ") is queryset
    assert matching_organisation_ids("") is None


@pytest.mark.parametrize(
    ("term", "prefix"),
    [
        ("0112", "0112"),
        ("0112038", "0112038"),
        ("0112038-", "0112038-"),
        ("01120389", "0112038-9"),
        ("0112038-9", "0112038-9"),
        ("011203-8", None),
        ("011203890", None),
        ("Rakennus", None),
        ("12a", None),
    ],
)
def test_business_id_prefix_only_for_digit_terms_with_the_dash_normalised(term, prefix):
    assert business_id_prefix(term) == prefix


@pytest.mark.usefixtures("register")
def test_search_combines_ids_without_or_over_tables(account_manager, client):
    """Each part is its own indexed query in a UNION: no EXISTS over contacts OR-ed with the name match."""
    client.force_login(account_manager)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("crm:organisation_list"), {"q": "Rakennus"})
    assert response.status_code == 200
    searches = [q["sql"] for q in captured.captured_queries if 'FROM "crm_contact"' in q["sql"]]
    assert searches
    for sql in searches:
        assert "UNION" in sql
        assert "EXISTS" not in sql
    assert "Rakennus 3 Oy" in response.content.decode()
    assert "Laite Oy" in response.content.decode()
    assert "Arkistoitu Rakennus Oy" not in response.content.decode()
