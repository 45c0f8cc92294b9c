"""The suggestion engine at its threshold boundaries, its explanations, and deciding suggestions."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from freezegun import freeze_time

from crm.models import CustomerGroup, Delivery, Organisation, ServiceType
from crm.tests.factories import AgreementFactory, DeliveryFactory, InteractionFactory, OrganisationFactory
from segments import services
from segments.models import SegmentChange, Suggestion, SuggestionSettings
from segments.suggest import Facts, classify
from segments.tests.factories import SuggestionFactory

TODAY = datetime.date(2026, 6, 15)


def facts(**overrides) -> Facts:
    base = dict(
        years=3,
        deliveries=8,
        service_types=3,
        value=Decimal("50000"),
        contacts=0,
        agreement=False,
        passive=False,
        window=24,
        value_window=12,
    )
    return Facts(**{**base, **overrides})


DEFAULTS = SuggestionSettings()  # the shipped defaults, unsaved


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({}, "key"),  # exactly at every key threshold
        ({"deliveries": 7}, "regular"),
        ({"service_types": 2}, "regular"),
        ({"value": Decimal("49999.99")}, "regular"),
        ({"years": 2}, "regular"),
        ({"deliveries": 3, "years": 1, "value": Decimal("0")}, "regular"),  # at the regular thresholds
        ({"deliveries": 2, "years": 1}, "occasional"),
        ({"deliveries": 3, "years": 0}, "occasional"),
        ({"deliveries": 1, "years": 0, "service_types": 1}, "occasional"),
        ({"deliveries": 0, "service_types": 0, "years": 10}, "potential"),
        ({"passive": True}, "potential"),
        ({"agreement": True, "deliveries": 0}, "strategic"),
        ({"agreement": True, "passive": True}, "strategic"),
    ],
)
def test_classify_at_the_default_thresholds(overrides, expected):
    assert classify(facts(**overrides), DEFAULTS) == expected


def test_admin_thresholds_are_used():
    settings = SuggestionSettings(key_min_deliveries=20, regular_min_value=Decimal("60000"))
    assert classify(facts(), settings) == "occasional"


def test_explanation_says_why(settings):
    settings.LANGUAGE_CODE = "en"
    from django.utils import translation

    from segments.suggest import explain

    with translation.override("en"):
        text = explain(
            facts(deliveries=12, service_types=4, value=Decimal("84000"), years=5, contacts=1).as_json(),
            "key",
            {"key": "Key customers"},
        )
    assert text == (
        "12 deliveries of 4 service types in 24 months, €84,000 in 12 months, 5 years of cooperation, "
        "1 contact logged → Key customers"
    )


def _delivery(organisation, start, value="1000.00", service_type=None, **kwargs):
    return DeliveryFactory(
        organisation=organisation,
        start_date=start,
        end_date=None,
        value=Decimal(value),
        service_type=service_type or ServiceType.objects.get(code="staff_training"),
        **kwargs,
    )


@pytest.mark.django_db
def test_window_boundaries_from_the_database():
    """Exactly 24 months back counts, a day earlier does not; the value window is 12 months."""
    types = list(ServiceType.objects.all()[:3])
    organisation = OrganisationFactory()
    _delivery(organisation, datetime.date(2019, 1, 1), "0.00", types[0])  # first delivery: years of cooperation
    _delivery(organisation, datetime.date(2024, 6, 15), "30000.00", types[0])  # on the window's first day
    _delivery(organisation, datetime.date(2024, 6, 14), "30000.00", types[1])  # a day outside
    _delivery(organisation, datetime.date(2025, 6, 15), "10000.00", types[1])  # on the value window's first day
    _delivery(organisation, datetime.date(2025, 6, 14), "20000.00", types[2])  # outside the value window
    _delivery(organisation, datetime.date(2026, 1, 10), "5000.00", types[2], status=Delivery.Status.CANCELLED)
    _delivery(organisation, datetime.date(2026, 7, 1), "5000.00", types[2])  # in the future
    with freeze_time("2026-06-15 12:00"):
        InteractionFactory(organisation=organisation)
        result = services.organisation_facts(
            Organisation.objects.filter(pk=organisation.pk), today=TODAY, settings=SuggestionSettings.load()
        )[organisation.pk]
    assert (result.deliveries, result.service_types, result.value) == (3, 3, Decimal("10000.00"))
    assert (result.years, result.contacts, result.agreement, result.passive) == (7, 1, False, False)


@pytest.mark.django_db
def test_refresh_proposes_explains_and_changes_nothing(account_manager):
    key = OrganisationFactory(name="Avain Oy")
    types = list(ServiceType.objects.all()[:3])
    _delivery(key, datetime.date(2020, 1, 1), "0.00", types[0])
    for i in range(8):
        _delivery(key, datetime.date(2026, 1, 1) + datetime.timedelta(days=i), "6250.00", types[i % 3])
    partner = OrganisationFactory(name="Kumppani kunta")
    AgreementFactory(organisation=partner)
    already = OrganisationFactory(segment="potential")
    OrganisationFactory(customer_group=CustomerGroup.INDIVIDUAL)  # segments apply to businesses and public bodies
    with freeze_time("2026-06-15 12:00"):
        assert services.suggestions_refresh() == {"created": 2, "refreshed": 0, "superseded": 0}
        assert services.suggestions_refresh() == {"created": 0, "refreshed": 2, "superseded": 0}
    suggestions = {s.organisation_id: s for s in Suggestion.objects.filter(status="pending")}
    assert set(suggestions) == {key.pk, partner.pk}
    assert suggestions[key.pk].suggested_code == "key"
    key_facts = suggestions[key.pk].facts
    assert (key_facts["deliveries"], key_facts["service_types"], key_facts["value"]) == (8, 3, "50000.00")
    assert suggestions[key.pk].explanation == suggestions[key.pk].explanation_text  # stored and re-rendered agree
    assert suggestions[partner.pk].suggested_code == "strategic"
    assert Organisation.objects.filter(segment="").count() == 3  # nothing changed silently
    assert already.pk not in suggestions


@pytest.mark.django_db
def test_accept_reject_and_quiet_period(account_manager):
    organisation = OrganisationFactory()
    _delivery(organisation, datetime.date(2026, 1, 1))
    with freeze_time("2026-06-15 12:00"):
        services.suggestions_refresh()
        suggestion = Suggestion.objects.get(organisation=organisation)
        assert suggestion.suggested_code == "occasional"
        assert services.suggestion_reject(suggestion=suggestion, actor=account_manager)
        services.suggestions_refresh()
        assert not Suggestion.objects.filter(status="pending").exists()  # a rejection is not repeated at once
    with freeze_time("2027-01-15 12:00"):
        services.suggestions_refresh()  # … but after the quiet months it is, if the data still says so
        suggestion = Suggestion.objects.get(status="pending")
        change = services.suggestion_accept(suggestion=suggestion, actor=account_manager)
    assert change.source == SegmentChange.Source.SUGGESTION
    assert change.reason.endswith(suggestion.explanation_text)
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.decided_by) == ("accepted", account_manager)
    assert Organisation.objects.get(pk=organisation.pk).segment == "occasional"

    # The timeline shows the accepted explanation in each reader's language (it is system text, not typed).
    from django.utils import translation

    from crm.models import TimelineEntry

    entry = TimelineEntry.objects.get(organisation=organisation, kind="segment")
    assert entry.detail == ""
    for language, start in (("fi", "Segmentti: "), ("en", "Segment: "), ("sv", "Segment: ")):
        with translation.override(language):
            assert entry.rendered.startswith(start)
            assert entry.rendered.endswith(suggestion.explanation_text)
    # … and so does the customer's segment history.
    with translation.override("en"):
        assert change.reason_for_reader == f"Accepted suggestion: {suggestion.explanation_text}"
    with translation.override("sv"):
        assert change.reason_for_reader == f"Godkänt förslag: {suggestion.explanation_text}"


@pytest.mark.django_db
def test_bulk_accept_and_reject_from_the_queue(client, account_manager):
    accepted = SuggestionFactory.create_batch(3)
    rejected = SuggestionFactory()
    failing = SuggestionFactory(suggested_code="strategic")  # no agreement: refused, reported
    client.force_login(account_manager)
    response = client.post(
        reverse("segments:suggestion_bulk"),
        {"action": "accept", "suggestion": [s.pk for s in accepted] + [failing.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert Organisation.objects.filter(segment="regular").count() == 3
    assert Suggestion.objects.get(pk=failing.pk).status == "pending"
    assert any(services.strategic_rule_message() in str(m) for m in response.context["messages"])
    client.post(reverse("segments:suggestion_bulk"), {"action": "reject", "suggestion": [rejected.pk]})
    assert Suggestion.objects.get(pk=rejected.pk).status == "rejected"


@pytest.mark.django_db
def test_single_accept_from_the_organisation_page(client, account_manager, management):
    suggestion = SuggestionFactory()
    page = reverse("crm:organisation_detail", args=[suggestion.organisation_id])
    client.force_login(management)
    assert client.post(reverse("segments:suggestion_accept", args=[suggestion.pk])).status_code == 403
    client.force_login(account_manager)
    response = client.post(reverse("segments:suggestion_accept", args=[suggestion.pk]), {"next": page})
    assert response.status_code == 302 and response["Location"] == page
    assert Organisation.objects.get(pk=suggestion.organisation_id).segment == "regular"


@pytest.mark.django_db
def test_refresh_task_runs_eagerly():
    from segments.tasks import check_agreements_task, recompute_next_contacts_task, refresh_suggestions_task

    OrganisationFactory(status=Organisation.Status.PASSIVE)
    assert refresh_suggestions_task.apply().get()["created"] == 1
    assert check_agreements_task.apply().get() == {"flagged": 0, "resolved": 0}
    assert recompute_next_contacts_task.apply().get() == 0


@pytest.mark.django_db
def test_accept_suggestions_command_records_who_decided_and_runs_once(admin):
    from django.core.management import call_command

    partners = [OrganisationFactory(name=f"Kunta {i}") for i in range(3)]
    for partner in partners:
        AgreementFactory(organisation=partner)
    services.suggestions_refresh()

    call_command("accept_suggestions", "--as", admin.email, "--every", "2", "--first-time")
    changes = SegmentChange.objects.all()
    assert changes.count() == 2 and {c.changed_by_id for c in changes} == {admin.pk}
    assert Organisation.objects.filter(segment="strategic").count() == 2

    call_command("accept_suggestions", "--as", admin.email, "--first-time")
    assert SegmentChange.objects.count() == 2  # a second `make run` changes nothing
