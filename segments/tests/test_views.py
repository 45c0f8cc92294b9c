"""Segment pages: access per role, what they show, exports, and the overview's flat query count."""

import datetime
import random
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import OrgUnitFactory
from crm.models import CustomerGroup, Municipality, Organisation
from crm.tests.factories import ContactFactory, ContactPreferenceFactory, DeliveryFactory, OrganisationFactory
from segments import services
from segments.models import SegmentChange
from segments.tests.factories import SegmentChangeFactory, SuggestionFactory

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "teacher", "account_manager", "management", "admin")
LOGIN = "LOGIN"

# fmt: off
# url name                   method  args   anonymous teacher account_manager management admin
MATRIX = [
    ("segments:overview",        "GET",  None,  LOGIN, 403, 200, 200, 200),
    ("segments:pivot",           "GET",  None,  LOGIN, 403, 200, 200, 200),
    ("segments:care_models",     "GET",  None,  LOGIN, 403, 200, 200, 200),
    ("segments:overdue",         "GET",  None,  LOGIN, 403, 200, 200, 200),
    ("segments:mailing_list",    "GET",  None,  LOGIN, 403, 200, 200, 200),
    ("segments:suggestions",     "GET",  None,  LOGIN, 403, 200, 200, 200),
    ("segments:segment_list",    "GET",  "key", LOGIN, 403, 200, 200, 200),
    ("segments:segment_list",    "GET",  "unclassified", LOGIN, 403, 200, 200, 200),
    ("segments:segment_list",    "GET",  "nonsense", LOGIN, 403, 404, 404, 404),
    ("segments:change",          "GET",  "org", LOGIN, 403, 200, 403, 200),
    ("segments:change",          "GET",  "archived", LOGIN, 403, 404, 403, 200),
    ("segments:suggestion_bulk", "GET",  None,  405, 405, 405, 405, 405),
    ("segments:suggestion_accept", "GET", "suggestion", 405, 405, 405, 405, 405),
    ("segments:suggestion_accept", "POST", "suggestion", LOGIN, 403, 302, 403, 302),
    ("segments:suggestion_reject", "POST", "suggestion", LOGIN, 403, 302, 403, 302),
    ("segments:suggestion_bulk", "POST", None,  LOGIN, 403, 302, 403, 302),
]
# fmt: on


CASES = [(row[0], row[1], row[2], role, row[3 + i]) for row in MATRIX for i, role in enumerate(ROLES)]


@pytest.mark.parametrize(("url_name", "method", "arg", "role", "expected"), CASES)
def test_access_matrix(client, request, url_name, method, arg, role, expected):
    organisation = OrganisationFactory()
    objects = {
        "org": organisation.pk,
        "archived": OrganisationFactory(is_archived=True).pk,
        "suggestion": SuggestionFactory(organisation=organisation).pk,
    }
    args = [objects.get(arg, arg)] if arg else []
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    url = reverse(url_name, args=args)
    response = client.post(url) if method == "POST" else client.get(url)
    if expected == LOGIN:
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == expected


def test_teachers_do_not_see_the_segment_navigation(client, teacher, account_manager):
    client.force_login(teacher)
    assert reverse("segments:overview") not in client.get(reverse("home")).content.decode()
    client.force_login(account_manager)
    assert reverse("segments:overview") in client.get(reverse("crm:organisation_list")).content.decode()


def test_organisation_page_shows_segment_due_date_and_history(client, account_manager):
    organisation = OrganisationFactory()
    services.segment_change(organisation=organisation, to_code="regular", actor=account_manager, reason="Toistuva")
    SuggestionFactory(organisation=organisation, suggested_code="key")
    client.force_login(account_manager)
    response = client.get(organisation.get_absolute_url())
    html = response.content.decode()
    assert "Kanta-asiakkaat" in html and "Toistuva" in html
    assert timezone.localdate().strftime("%-d.%-m.%Y") in html  # never contacted: due today
    assert reverse("segments:change", args=[organisation.pk]) in html
    assert reverse("segments:suggestion_accept", args=[organisation.segment_suggestions.get().pk]) in html


def test_change_form_records_from_to_who_why(client, account_manager):
    organisation = OrganisationFactory(segment="occasional")
    client.force_login(account_manager)
    response = client.post(
        reverse("segments:change", args=[organisation.pk]), {"segment": "unclassified", "reason": "Ei enää asiakas"}
    )
    assert response.status_code == 302
    change = SegmentChange.objects.get(organisation=organisation)
    assert (change.from_code, change.to_code, change.changed_by, change.reason) == (
        "occasional",
        "",
        account_manager,
        "Ei enää asiakas",
    )


def test_segment_list_uses_the_register_filters(client, management):
    OrganisationFactory(name="Avain Jyväskylä", segment="key")
    OrganisationFactory(name="Avain Muurame", segment="key", municipality=Municipality.objects.get(name_fi="Muurame"))
    OrganisationFactory(name="Kanta", segment="regular")
    client.force_login(management)
    response = client.get(reverse("segments:segment_list", args=["key"]))
    assert [o.name for o in response.context["page"].object_list] == ["Avain Jyväskylä", "Avain Muurame"]
    muurame = Municipality.objects.get(name_fi="Muurame").pk
    response = client.get(reverse("segments:segment_list", args=["key"]), {"municipality": muurame})
    assert [o.name for o in response.context["page"].object_list] == ["Avain Muurame"]
    response = client.get(reverse("segments:segment_list", args=["key"]), HTTP_HX_REQUEST="true")
    assert next(t.name for t in response.templates) == "segments/organisation_table.html"


def test_overview_counts_values_overdue_and_movement(client, management, account_manager):
    today = timezone.localdate()
    key = OrganisationFactory(segment="key", next_contact_due=today - datetime.timedelta(days=1))
    OrganisationFactory(segment="key", next_contact_due=today)  # due today is not overdue
    DeliveryFactory(
        organisation=key, start_date=today - datetime.timedelta(days=30), end_date=None, value=Decimal("1500")
    )
    SegmentChangeFactory(organisation=key, from_code="regular", to_code="key")
    client.force_login(management)
    response = client.get(reverse("segments:overview"))
    rows = {row["code"]: row for row in response.context["rows"]}
    assert (rows["key"]["count"], rows["key"]["overdue"], rows["key"]["value"]) == (2, 1, Decimal("1500.00"))
    codes = [row["code"] for row in response.context["rows"]]
    assert response.context["matrix"][codes.index("regular")]["cells"][codes.index("key")] == 1
    old = {"date_from": "2000-01-01", "date_to": "2000-12-31"}
    assert client.get(reverse("segments:overview"), old).context["moves_total"] == 0


def test_overview_shows_registered_metrics(client, management):
    from segments.metrics import register_segment_metric, unregister_segment_metric

    OrganisationFactory(segment="key")
    register_segment_metric("nps", "NPS", lambda organisations: {"key": 61})
    try:
        client.force_login(management)
        html = client.get(reverse("segments:overview")).content.decode()
    finally:
        unregister_segment_metric("nps")
    assert "NPS" in html and ">61<" in html


def test_overdue_per_account_manager_and_unit(client, management, account_manager):
    area = OrgUnitFactory(name="Palvelualue")
    team = OrgUnitFactory(name="Tiimi A", parent=area)
    account_manager.units.add(team)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    # Per unit counts the customers' responsible units: the manager's two (in Tiimi A), not the one without a unit.
    OrganisationFactory.create_batch(2, account_manager=account_manager, next_contact_due=yesterday)
    OrganisationFactory(next_contact_due=yesterday, responsible_unit=None)
    client.force_login(management)
    response = client.get(reverse("segments:overdue"))
    summary = response.context["summary"]
    assert summary["total"] == 3
    assert [(r["user"], r["count"]) for r in summary["managers"]] == [(account_manager, 2), (None, 1)]
    assert [(r["unit"].name, r["count"], r["depth"]) for r in summary["units"]] == [
        ("Palvelualue", 2, 0),
        ("Tiimi A", 2, 1),
    ]
    response = client.get(reverse("segments:overdue"), {"unit": area.pk})
    assert response.context["page"].paginator.count == 2


def test_pivot_and_its_csv(client, management):
    OrganisationFactory(segment="key", customer_group=CustomerGroup.PUBLIC)
    OrganisationFactory(segment="key")
    OrganisationFactory(segment="")
    client.force_login(management)
    response = client.get(reverse("segments:pivot"), {"dimension": "customer_group"})
    table = response.context["table"]
    assert table["total"] == 3
    for dimension in ("industry", "size_class", "municipality", "owner_municipality"):
        assert client.get(reverse("segments:pivot"), {"dimension": dimension}).context["table"]["total"] == 3
    response = client.get(reverse("segments:pivot"), {"dimension": "customer_group", "format": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert text.splitlines()[0].startswith("Ulottuvuus;") or ";" in text.splitlines()[0]
    assert text.splitlines()[-1].endswith(";3")


def test_mailing_list_only_has_consenting_contacts_with_email(client, account_manager):
    key = OrganisationFactory(segment="key")
    consenting = {"kind": "newsletters_and_campaigns", "status": "consented"}
    ContactPreferenceFactory(contact=ContactFactory(organisation=key, email="yes@a.fi"), **consenting)
    ContactFactory(organisation=key, email="no@a.fi")
    ContactPreferenceFactory(contact=ContactFactory(organisation=key, email="refused@a.fi"), status="refused")
    ContactPreferenceFactory(contact=ContactFactory(organisation=key, email=""), **consenting)
    ContactPreferenceFactory(contact=ContactFactory(organisation=key, email="gone@a.fi", is_active=False), **consenting)
    ContactPreferenceFactory(
        contact=ContactFactory(organisation=key, first_name="=cmd()", email="formula@a.fi"), **consenting
    )
    other = OrganisationFactory(segment="regular")
    ContactPreferenceFactory(contact=ContactFactory(organisation=other, email="other@a.fi"), **consenting)
    client.force_login(account_manager)
    response = client.get(reverse("segments:mailing_list"), {"segment": "key", "format": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "yes@a.fi" in text and "formula@a.fi" in text
    assert "'=cmd()" in text  # no formula injection
    assert "2026-01-01" in text  # the consent's date
    for absent in ("no@a.fi", "refused@a.fi", "gone@a.fi", "other@a.fi"):
        assert absent not in text
    assert client.get(reverse("segments:mailing_list"), {"segment": "key"}).context["page"].paginator.count == 2


def test_the_mailing_list_csv_streams_in_the_lists_order_across_chunks(client, account_manager, monkeypatch):
    """Read a few organisations at a time, the CSV keeps the whole list's order (organisation name, then the
    contact's name), same-named organisations included."""
    from segments.views import lists

    consenting = {"kind": "newsletters_and_campaigns", "status": "consented"}
    for i, name in enumerate(["Cee Oy", "Aa Oy", "Bee Oy", "Bee Oy", "Bee Oy", "Dee Oy", "Aa Oy"]):
        organisation = OrganisationFactory(name=name, segment="key")
        for last in ("Virtanen", "Aalto"):
            contact = ContactFactory(organisation=organisation, last_name=last, email=f"{last}{i}@a.fi")
            ContactPreferenceFactory(contact=contact, **consenting)
    client.force_login(account_manager)
    expected = [c.email for c in lists._consenting_contacts(Organisation.objects.filter(segment="key"))]
    monkeypatch.setattr(lists._consenting_contacts_streamed, "__defaults__", (2,))
    response = client.get(reverse("segments:mailing_list"), {"segment": "key", "format": "csv"})
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()[1:]
    assert [line.split(";")[0] for line in lines] == expected
    assert len(expected) == 14


def _bulk_organisations(n: int, start: int) -> None:
    segments = ["strategic", "key", "regular", "occasional", "potential", ""]
    today = timezone.localdate()
    rng = random.Random(start)
    municipality = Municipality.objects.get(name_fi="Jyväskylä")
    Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"Yritys {start + i}",
                segment=segments[i % len(segments)],
                municipality=municipality,
                next_contact_due=today + datetime.timedelta(days=rng.randint(-90, 90)),
            )
            for i in range(n)
        ],
        batch_size=2000,
    )


def test_overview_query_count_is_flat_at_10000_customers(client, management):
    _bulk_organisations(10, 0)
    some = list(Organisation.objects.all()[:4])
    for organisation in some:
        DeliveryFactory(organisation=organisation, start_date=timezone.localdate(), end_date=None)
        SegmentChangeFactory(organisation=organisation, from_code="", to_code=organisation.segment)
    client.force_login(management)
    url = reverse("segments:overview")
    client.get(url)  # warm caches (content types, session)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200

    _bulk_organisations(9_990, 10)
    assert Organisation.objects.count() == 10_000
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert response.status_code == 200
    assert response.context["totals"]["count"] == 10_000
    assert len(large.captured_queries) == len(small.captured_queries), [q["sql"] for q in large.captured_queries]


def test_the_matrix_covers_every_segment_url():
    from segments import urls

    assert {name for name, *_rest in MATRIX} == {f"{urls.app_name}:{p.name}" for p in urls.urlpatterns}
