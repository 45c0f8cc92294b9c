"""The register's busiest pages run the same number of queries for 5 rows as for 30 (no N+1)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.messages import build, choice
from accounts.roles import Role
from accounts.tests.factories import UserFactory
from crm.messages import delivery_message
from crm.models import AccountTeamAssignment, Industry, Interaction, Municipality, Organisation
from crm.tests.factories import (
    AgreementFactory,
    ContactFactory,
    DeliveryFactory,
    InteractionFactory,
    OrganisationFactory,
)
from crm.timeline import timeline_add

pytestmark = pytest.mark.django_db

FEW, MANY = 5, 30


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _count_queries(client, url: str) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured), [q["sql"] for q in captured.captured_queries]


def _assert_flat(client, url: str, grow) -> int:
    """Measure `url`, let `grow` add rows, measure again: the two counts must match."""
    client.get(url)  # warm per-process caches (content types, settings row)
    few, few_sql = _count_queries(client, url)
    grow()
    many, many_sql = _count_queries(client, url)
    assert few == many, "\n".join(sorted(set(many_sql) - set(few_sql)) or many_sql)
    return many


def _organisations(count: int, **fields) -> list[Organisation]:
    """Organisations with every related row the list shows, each one different so nothing is cached by chance."""
    municipalities = list(Municipality.objects.all()[:count])
    industries = list(Industry.objects.filter(level=Industry.Level.DIVISION)[:count])
    created = []
    for i in range(count):
        organisation = OrganisationFactory(
            municipality=municipalities[i % len(municipalities)],
            industry=industries[i % len(industries)] if industries else None,
            account_manager=fields.get("account_manager") or UserFactory(roles=[Role.ACCOUNT_MANAGER]),
            deputy_manager=fields.get("deputy_manager"),
            headcount=i * 10,
        )
        ContactFactory(organisation=organisation, last_name=f"Sukunimi{i}")
        created.append(organisation)
    return created


def test_organisation_list_query_count_is_flat(client, account_manager):
    client.force_login(account_manager)
    _organisations(FEW)
    count = _assert_flat(client, reverse("crm:organisation_list"), lambda: _organisations(MANY - FEW))
    assert count <= 20


def test_organisation_search_query_count_is_flat(client, account_manager):
    client.force_login(account_manager)
    _organisations(FEW)
    url = reverse("crm:organisation_list") + "?q=Sukunimi&ordering=municipality"
    _assert_flat(client, url, lambda: _organisations(MANY - FEW))


def test_my_customers_query_count_is_flat(client, account_manager):
    client.force_login(account_manager)
    deputy_of = UserFactory(roles=[Role.ACCOUNT_MANAGER])

    def mine(count: int) -> None:
        _organisations(count // 2 + 1, account_manager=account_manager)
        _organisations(count // 4 + 1, account_manager=deputy_of, deputy_manager=account_manager)
        for followed in _organisations(count // 4 + 1):
            followed.followers.add(account_manager)

    mine(FEW)
    count = _assert_flat(client, reverse("crm:my_customers"), lambda: mine(MANY - FEW))
    assert count <= 20


def _fill_detail(organisation: Organisation, count: int, start: int, *, indirect: bool = False) -> None:
    for i in range(start, start + count):
        if indirect:
            OrganisationFactory(relation=Organisation.Relation.INDIRECT, direct_customer=organisation)
            continue
        actor = UserFactory(roles=[Role.ACCOUNT_MANAGER])
        ContactFactory(organisation=organisation)
        DeliveryFactory(organisation=organisation, responsible=actor, start_date=datetime.date(2025, 1, 1 + i % 28))
        AgreementFactory(organisation=organisation, title=f"Sopimus {i}")
        InteractionFactory(organisation=organisation)
        AccountTeamAssignment.objects.create(
            organisation=organisation,
            user=actor,
            role=AccountTeamAssignment.Role.DEPUTY,
            valid_to=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC),
        )
        timeline_add(
            organisation=organisation,
            kind="meeting",
            actor=actor,
            detail="Muistio",
            **build("crm.interaction", kind=choice(Interaction, "kind", "meeting"), subject=f"Tapaaminen {i}"),
        )
        delivery = organisation.deliveries.first()
        timeline_add(
            organisation=organisation, kind="delivery", actor=actor, source=delivery, **delivery_message(delivery)
        )


@pytest.mark.parametrize("role", ["account_manager", "management", "admin"])
def test_organisation_detail_query_count_is_flat(client, request, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    organisation = OrganisationFactory(
        account_manager=UserFactory(roles=[Role.ACCOUNT_MANAGER]),
        deputy_manager=UserFactory(roles=[Role.ACCOUNT_MANAGER]),
        industry=Industry.objects.filter(level=Industry.Level.DIVISION).first(),
    )
    organisation.followers.add(user)
    _fill_detail(organisation, FEW, 0)
    count = _assert_flat(
        client,
        reverse("crm:organisation_detail", args=[organisation.pk]),
        lambda: _fill_detail(organisation, MANY - FEW, FEW),
    )
    assert count <= 30


def test_organisation_detail_query_count_is_flat_with_many_indirect_customers(client, account_manager):
    client.force_login(account_manager)
    organisation = OrganisationFactory()
    _fill_detail(organisation, FEW, 0, indirect=True)
    _assert_flat(
        client,
        reverse("crm:organisation_detail", args=[organisation.pk]),
        lambda: _fill_detail(organisation, MANY - FEW, FEW, indirect=True),
    )


def test_timeline_fragment_query_count_is_flat(client, account_manager):
    client.force_login(account_manager)
    organisation = OrganisationFactory()
    _fill_detail(organisation, FEW, 0)
    url = reverse("crm:organisation_timeline", args=[organisation.pk])

    with CaptureQueriesContext(connection) as few:
        client.get(url, headers={"HX-Request": "true"})
    _fill_detail(organisation, MANY - FEW, FEW)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url + "?page=2", headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert len(few) == len(many)


# Every page at most 20 queries (the organisation page too), the same for a few rows as for many.
PAGE_BUDGET = 20


@pytest.mark.parametrize(
    "query",
    [
        {"q": "Testiyritys"},  # a common word: in every name
        {"q": "Sukunimi1"},  # a contact name
        {"q": "0112038-9"},  # a whole business ID
        {"q": "0112"},  # a business ID's start
    ],
)
def test_organisation_search_stays_within_the_budget(client, account_manager, query):
    client.force_login(account_manager)
    _organisations(FEW)
    url = reverse("crm:organisation_list") + "?" + "&".join(f"{k}={v}" for k, v in query.items())
    count = _assert_flat(client, url, lambda: _organisations(MANY - FEW))
    assert count <= PAGE_BUDGET


def test_deep_organisation_list_page_stays_within_the_budget(client, account_manager, settings):
    settings.PAGINATE_BY = 5
    client.force_login(account_manager)
    _organisations(FEW * 3)
    count = _assert_flat(client, reverse("crm:organisation_list") + "?page=3", lambda: _organisations(MANY - FEW))
    assert count <= PAGE_BUDGET


def test_my_customers_stays_within_the_budget(client, account_manager):
    client.force_login(account_manager)
    _organisations(FEW, account_manager=account_manager)
    assert (
        _assert_flat(client, reverse("crm:my_customers"), lambda: _organisations(MANY, account_manager=account_manager))
        <= PAGE_BUDGET
    )


@pytest.mark.parametrize("role", ["account_manager", "management", "admin"])
def test_organisation_page_stays_within_the_budget(client, request, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    organisation = OrganisationFactory(
        account_manager=UserFactory(roles=[Role.ACCOUNT_MANAGER]),
        deputy_manager=UserFactory(roles=[Role.ACCOUNT_MANAGER]),
        industry=Industry.objects.filter(level=Industry.Level.DIVISION).first(),
        segment="key",  # its care model and segment panel shown
    )
    organisation.followers.add(user)
    _fill_detail(organisation, FEW, 0)
    count = _assert_flat(
        client,
        reverse("crm:organisation_detail", args=[organisation.pk]),
        lambda: _fill_detail(organisation, MANY - FEW, FEW),
    )
    assert count <= PAGE_BUDGET


def test_my_work_stays_within_the_budget(client, account_manager):
    client.force_login(account_manager)
    due = datetime.date(2026, 1, 1)
    _organisations(FEW, account_manager=account_manager)
    Organisation.objects.update(next_contact_due=due)

    def grow():
        _organisations(MANY, account_manager=account_manager)
        Organisation.objects.update(next_contact_due=due)

    assert _assert_flat(client, reverse("crm:my_work"), grow) <= PAGE_BUDGET
    assert _assert_flat(client, reverse("crm:my_work") + "?section=overdue&page=2", grow) <= PAGE_BUDGET


def test_autocomplete_stays_within_the_budget(client, teacher):
    client.force_login(teacher)
    _organisations(FEW)
    url = reverse("leads:organisation_autocomplete") + "?q=Testiyritys"
    assert _assert_flat(client, url, lambda: _organisations(MANY - FEW)) <= 10
