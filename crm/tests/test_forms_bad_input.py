"""Bad input through the pages: each mistake gets a clear message next to its field, and nothing is saved."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from accounts.tests.factories import UserFactory
from crm.models import (
    AccountTeamAssignment,
    Contact,
    Delivery,
    Interaction,
    Organisation,
    PartnershipAgreement,
    ServiceType,
    TimelineEntry,
)
from crm.tests.factories import OrganisationFactory, customer_unit, municipality

pytestmark = pytest.mark.django_db

COUNTED = (Organisation, Contact, Delivery, Interaction, PartnershipAgreement, TimelineEntry, AccountTeamAssignment)


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def customer():
    return OrganisationFactory(name="Asiakas Oy")


@pytest.fixture
def editor_client(client, account_manager):
    client.force_login(account_manager)
    return client


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


def _post_and_expect_refusal(client, url: str, data: dict, field: str) -> list[str]:
    """POST, check the page came back with an error on `field` shown next to it and nothing saved; return the errors."""
    before = _counts()
    response = client.post(url, data)
    assert response.status_code == 200, "the form should come back, not redirect"
    assert _counts() == before, "nothing may be saved"
    form = response.context["form"]
    with translation.override("fi"):
        errors = [str(message) for message in form.errors.get(field, [])]
    assert errors, f"no error on {field}: {form.errors.as_data()}"
    html = response.content.decode()
    # crispy renders a field's errors in a block whose id names the field, right under the input.
    block = re.search(rf'<div id="id_{field}_error" class="invalid-feedback">(.*?)</div>', html, re.S)
    assert block, f"no error block next to {field}"
    for message in errors:
        assert escape(message) in block.group(1)
    return errors


def _organisation_data(**overrides) -> dict:
    data = {
        "name": "Uusi Asiakas Oy",
        "business_id": "",
        "customer_group": "business",
        "responsible_unit": str(customer_unit().pk),
        "status": "active",
        "relation": "direct",
        "headcount": "20",
        "municipality": str(municipality().pk),
    }
    return {**data, **overrides}


def test_organisation_data_used_below_is_valid(editor_client):
    response = editor_client.post(reverse("crm:organisation_create"), _organisation_data())
    assert response.status_code == 302
    assert Organisation.objects.filter(name="Uusi Asiakas Oy").exists()


def test_business_id_with_a_wrong_check_digit_is_refused(editor_client):
    errors = _post_and_expect_refusal(
        editor_client, reverse("crm:organisation_create"), _organisation_data(business_id="0112038-8"), "business_id"
    )
    assert len(errors) == 1
    assert "0112038-8" in errors[0]
    assert "1234567-8" in errors[0]  # the message shows the expected form


def test_business_id_in_a_wrong_format_is_refused(editor_client):
    errors = _post_and_expect_refusal(
        editor_client, reverse("crm:organisation_create"), _organisation_data(business_id="12345"), "business_id"
    )
    assert len(errors) == 1


def test_duplicate_business_id_names_the_organisation_that_has_it(editor_client):
    OrganisationFactory(name="Jo Rekisterissä Oy", business_id="0112038-9")
    errors = _post_and_expect_refusal(
        editor_client, reverse("crm:organisation_create"), _organisation_data(business_id="01120389"), "business_id"
    )
    assert len(errors) == 1
    assert "Jo Rekisterissä Oy" in errors[0]
    assert "0112038-9" in errors[0]


def test_duplicate_business_id_is_refused_on_edit_too(editor_client, customer):
    OrganisationFactory(name="Jo Rekisterissä Oy", business_id="0112038-9")
    errors = _post_and_expect_refusal(
        editor_client,
        reverse("crm:organisation_edit", args=[customer.pk]),
        _organisation_data(name=customer.name, business_id="0112038-9"),
        "business_id",
    )
    assert "Jo Rekisterissä Oy" in errors[0]
    customer.refresh_from_db()
    assert customer.business_id == ""


def test_keeping_its_own_business_id_on_edit_is_fine(editor_client):
    own = OrganisationFactory(name="Oma Oy", business_id="0112038-9")
    response = editor_client.post(
        reverse("crm:organisation_edit", args=[own.pk]), _organisation_data(name="Oma Oy", business_id="0112038-9")
    )
    assert response.status_code == 302


def test_negative_headcount_is_refused(editor_client):
    _post_and_expect_refusal(
        editor_client, reverse("crm:organisation_create"), _organisation_data(headcount="-1"), "headcount"
    )


def test_negative_turnover_is_refused(editor_client):
    _post_and_expect_refusal(
        editor_client, reverse("crm:organisation_create"), _organisation_data(turnover="-5"), "turnover"
    )


def test_unknown_municipality_is_refused_with_its_own_message(editor_client):
    errors = _post_and_expect_refusal(
        editor_client, reverse("crm:organisation_create"), _organisation_data(municipality="987654"), "municipality"
    )
    with translation.override("fi"):
        from crm.forms import OrganisationForm

        expected = str(OrganisationForm().fields["municipality"].error_messages["invalid_choice"])
    assert errors == [expected]


def test_indirect_customer_without_a_direct_customer_is_refused(editor_client):
    _post_and_expect_refusal(
        editor_client,
        reverse("crm:organisation_create"),
        _organisation_data(relation="indirect", direct_customer=""),
        "direct_customer",
    )


def test_direct_customer_cannot_be_linked_to_another_direct_customer(editor_client, customer):
    _post_and_expect_refusal(
        editor_client,
        reverse("crm:organisation_create"),
        _organisation_data(relation="direct", direct_customer=str(customer.pk)),
        "direct_customer",
    )


def test_agreement_ending_before_it_starts_is_refused(editor_client, customer):
    _post_and_expect_refusal(
        editor_client,
        reverse("crm:agreement_create", args=[customer.pk]),
        {"title": "Kumppanuussopimus", "start_date": "2026-05-01", "end_date": "2026-04-30"},
        "end_date",
    )


def _delivery_data(responsible, **overrides) -> dict:
    data = {
        "service_type": str(ServiceType.objects.get(code="staff_training").pk),
        "title": "Esihenkilökoulutus",
        "responsible": str(responsible.pk),
        "start_date": "2026-02-01",
        "end_date": "2026-03-01",
        "value": "12000",
        "status": "planned",
    }
    return {**data, **overrides}


def test_delivery_data_used_below_is_valid(editor_client, customer, account_manager):
    response = editor_client.post(reverse("crm:delivery_create", args=[customer.pk]), _delivery_data(account_manager))
    assert response.status_code == 302
    assert customer.deliveries.count() == 1


def test_delivery_ending_before_it_starts_is_refused(editor_client, customer, account_manager):
    _post_and_expect_refusal(
        editor_client,
        reverse("crm:delivery_create", args=[customer.pk]),
        _delivery_data(account_manager, end_date="2026-01-31"),
        "end_date",
    )


def test_negative_delivery_value_is_refused(editor_client, customer, account_manager):
    _post_and_expect_refusal(
        editor_client,
        reverse("crm:delivery_create", args=[customer.pk]),
        _delivery_data(account_manager, value="-100"),
        "value",
    )


def test_delivery_for_an_inactive_user_is_refused(editor_client, customer):
    gone = UserFactory(is_active=False)
    _post_and_expect_refusal(
        editor_client, reverse("crm:delivery_create", args=[customer.pk]), _delivery_data(gone), "responsible"
    )


def test_marketing_consent_without_a_date_is_refused(editor_client, customer):
    _post_and_expect_refusal(
        editor_client,
        reverse("crm:contact_create", args=[customer.pk]),
        {
            "first_name": "Maija",
            "last_name": "Mehiläinen",
            "language": "fi",
            "newsletters_and_campaigns_status": "consented",
            "newsletters_and_campaigns_source": "form",
            "is_active": "on",
        },
        "newsletters_and_campaigns_date",
    )


def test_marketing_consent_without_a_source_is_refused(editor_client, customer):
    _post_and_expect_refusal(
        editor_client,
        reverse("crm:contact_create", args=[customer.pk]),
        {
            "first_name": "Maija",
            "last_name": "Mehiläinen",
            "language": "fi",
            "newsletters_and_campaigns_status": "consented",
            "newsletters_and_campaigns_date": "2026-01-10",
            "is_active": "on",
        },
        "newsletters_and_campaigns_source",
    )


def test_contact_with_a_bad_email_is_refused(editor_client, customer):
    _post_and_expect_refusal(
        editor_client,
        reverse("crm:contact_create", args=[customer.pk]),
        {"first_name": "Maija", "last_name": "Mehiläinen", "email": "maija@", "is_active": "on"},
        "email",
    )


def test_interaction_more_than_a_year_ahead_is_refused(editor_client, customer):
    _post_and_expect_refusal(
        editor_client,
        reverse("crm:interaction_create", args=[customer.pk]),
        {"kind": "meeting", "channel": "in_person", "occurred_at": "2099-01-01T10:00", "subject": "Tapaaminen"},
        "occurred_at",
    )
