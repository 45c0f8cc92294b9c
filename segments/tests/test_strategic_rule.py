"""Strategic customers are the partnership-agreement customers (Gradia's customer programme 2020-2023)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from freezegun import freeze_time

from crm.models import Organisation, TimelineEntry
from crm.tests.factories import AgreementFactory, OrganisationFactory
from segments import services
from segments.models import SegmentChange, SegmentReview

pytestmark = pytest.mark.django_db


def test_strategic_without_an_active_agreement_is_refused(account_manager):
    organisation = OrganisationFactory()
    with pytest.raises(ValidationError) as exc:
        services.segment_change(organisation=organisation, to_code="strategic", actor=account_manager, reason="Tärkeä")
    assert exc.value.message_dict["segment"] == [services.strategic_rule_message()]
    organisation.refresh_from_db()
    assert organisation.segment == ""
    assert not SegmentChange.objects.exists()


def test_an_ended_or_future_agreement_does_not_count(account_manager):
    organisation = OrganisationFactory()
    AgreementFactory(
        organisation=organisation, start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2021, 1, 1)
    )
    AgreementFactory(organisation=organisation, start_date=datetime.date(2099, 1, 1))
    with pytest.raises(ValidationError):
        services.segment_change(organisation=organisation, to_code="strategic", actor=account_manager, reason="x")


def test_strategic_with_an_active_agreement_is_recorded(account_manager):
    organisation = OrganisationFactory()
    AgreementFactory(organisation=organisation)
    change = services.segment_change(
        organisation=organisation, to_code="strategic", actor=account_manager, reason="Kumppanuussopimus 2025"
    )
    organisation.refresh_from_db()
    assert organisation.segment == "strategic"
    assert (change.from_code, change.to_code, change.changed_by, change.reason) == (
        "",
        "strategic",
        account_manager,
        "Kumppanuussopimus 2025",
    )
    assert TimelineEntry.objects.filter(organisation=organisation, kind="segment").count() == 1


def test_the_form_shows_the_rule_next_to_the_field(client, account_manager):
    organisation = OrganisationFactory()
    client.force_login(account_manager)
    response = client.post(
        reverse("segments:change", args=[organisation.pk]), {"segment": "strategic", "reason": "Tärkeä"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["segment"] == [services.strategic_rule_message()]
    assert Organisation.objects.get(pk=organisation.pk).segment == ""


def test_an_ended_agreement_flags_the_customer_for_review(account_manager):
    organisation = OrganisationFactory()
    AgreementFactory(
        organisation=organisation, start_date=datetime.date(2025, 1, 1), end_date=datetime.date(2026, 6, 30)
    )
    with freeze_time("2026-06-15 12:00"):
        services.segment_change(organisation=organisation, to_code="strategic", actor=account_manager, reason="x")
        assert services.agreements_check() == {"flagged": 0, "resolved": 0}
    with freeze_time("2026-06-30 20:00"):  # still the agreement's last day
        assert services.agreements_check()["flagged"] == 0
    with freeze_time("2026-07-01 08:00"):
        assert services.agreements_check() == {"flagged": 1, "resolved": 0}
        assert services.agreements_check() == {"flagged": 0, "resolved": 0}  # once only
    review = SegmentReview.objects.get(organisation=organisation)
    assert review.resolved_at is None
    organisation.refresh_from_db()
    assert organisation.segment == "strategic"  # nothing changes silently
    assert TimelineEntry.objects.filter(organisation=organisation, kind="segment").count() == 2

    with freeze_time("2026-07-02 08:00"):
        change = services.segment_change(
            organisation=organisation,
            to_code="key",
            actor=account_manager,
            reason="Sopimus päättyi",
            source=SegmentChange.Source.AGREEMENT_ENDED,
        )
    review.refresh_from_db()
    assert review.resolved_at is not None and review.resolved_by == account_manager
    assert change.source == SegmentChange.Source.AGREEMENT_ENDED


def test_a_renewed_agreement_closes_the_review(account_manager):
    organisation = OrganisationFactory(segment="strategic")
    AgreementFactory(
        organisation=organisation, start_date=datetime.date(2024, 1, 1), end_date=datetime.date(2025, 1, 1)
    )
    assert services.agreements_check()["flagged"] == 1
    AgreementFactory(organisation=organisation, start_date=datetime.date(2025, 1, 2))
    assert services.agreements_check() == {"flagged": 0, "resolved": 1}
