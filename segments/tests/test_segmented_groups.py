"""Segments are for business and public-sector customers; an agreement makes a strategic candidate at once."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from crm import services as crm_services
from crm.models import CustomerGroup, PartnershipAgreement
from crm.tests.factories import AgreementFactory, OrganisationFactory
from segments import services
from segments.models import SegmentReview, Suggestion

pytestmark = pytest.mark.django_db


@translation.override("en")
@pytest.mark.parametrize("group", [CustomerGroup.INDIVIDUAL, CustomerGroup.STAKEHOLDER])
def test_an_individual_or_a_network_partner_cannot_be_segmented(group, account_manager):
    customer = OrganisationFactory(customer_group=group)
    with pytest.raises(ValidationError, match="business and public-sector customers only"):
        services.segment_change(organisation=customer, to_code="regular", actor=account_manager, reason="Kokeilu")


def test_the_form_says_why(client, account_manager):
    customer = OrganisationFactory(customer_group=CustomerGroup.INDIVIDUAL, account_manager=account_manager)
    client.force_login(account_manager)
    response = client.post(
        reverse("segments:change", args=[customer.pk]),
        {"segment": "regular", "reason": "Kokeilu", "idempotency_key": "6a1c0a2e-5b7e-4f7e-9d1a-2f3b4c5d6e7f"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "business and public-sector customers only" in response.content.decode()
    customer.refresh_from_db()
    assert customer.segment == ""


def test_those_already_in_a_segment_are_listed_for_a_person_not_cleared(account_manager):
    partner = OrganisationFactory(customer_group=CustomerGroup.STAKEHOLDER, segment="regular")
    services.agreements_check()
    services.agreements_check()
    review = SegmentReview.objects.get(organisation=partner)
    assert review.reason == SegmentReview.Reason.NOT_SEGMENTED_GROUP and review.resolved_at is None
    partner.refresh_from_db()
    assert partner.segment == "regular"
    services.segment_change(organisation=partner, to_code="", actor=account_manager, reason="Ei segmentoida")
    review.refresh_from_db()
    assert review.resolved_at is not None


def test_an_agreement_puts_the_customer_in_the_review_queue_as_a_strategic_candidate(
    account_manager, django_capture_on_commit_callbacks
):
    municipality = OrganisationFactory(customer_group=CustomerGroup.PUBLIC, account_manager=account_manager)
    agreement = PartnershipAgreement(
        organisation=municipality, title="Kumppanuussopimus", start_date=datetime.date(2025, 1, 1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        crm_services.agreement_save(agreement=agreement, actor=account_manager)
    suggestion = Suggestion.objects.get(organisation=municipality, status=Suggestion.Status.PENDING)
    assert suggestion.suggested_code == "strategic"


def test_the_migration_gives_existing_agreement_customers_their_suggestion_and_flags_misplaced_ones():
    municipality = OrganisationFactory(customer_group=CustomerGroup.PUBLIC, segment="")
    AgreementFactory(organisation=municipality)
    person = OrganisationFactory(customer_group=CustomerGroup.INDIVIDUAL, segment="occasional")
    migration = importlib.import_module("segments.migrations.0007_segmented_groups_and_strategic_candidates")
    migration.flag_and_suggest(apps, None)
    migration.flag_and_suggest(apps, None)  # twice: nothing more
    assert (
        Suggestion.objects.filter(organisation=municipality, status="pending", suggested_code="strategic").count() == 1
    )
    assert SegmentReview.objects.filter(organisation=person, reason="not_segmented_group").count() == 1
