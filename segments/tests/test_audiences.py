"""Audiences: the reachable contacts of a segment, of a care model's customers, of any organisations."""

import pytest

from crm.models import ContactPreference, CustomerGroup
from crm.tests.factories import ContactFactory, ContactPreferenceFactory, OrganisationFactory
from segments import audiences
from segments.models import CareModel, CareModelOverride

pytestmark = pytest.mark.django_db
KIND = ContactPreference.Kind.NEWSLETTERS_AND_CAMPAIGNS


def _consenting(organisation):
    contact = ContactFactory(organisation=organisation)
    ContactPreferenceFactory(contact=contact, kind=KIND)
    return contact


def test_only_consenting_contacts_of_the_segment_each_once():
    key = OrganisationFactory(segment="key")
    yes = _consenting(key)
    ContactFactory(organisation=key)  # no consent
    refused = ContactFactory(organisation=key)
    ContactPreferenceFactory(contact=refused, kind=KIND, status=ContactPreference.Status.REFUSED)
    _consenting(OrganisationFactory(segment="regular"))
    _consenting(OrganisationFactory(segment="key", is_archived=True))
    assert list(audiences.segment_contacts("key", kind=KIND)) == [yes]


def test_a_care_models_customers_follow_the_one_rule():
    model = CareModel.objects.get(customer_group=CustomerGroup.BUSINESS, segment__code="key")
    key = _consenting(OrganisationFactory(segment="key"))
    public_key = OrganisationFactory(segment="key", customer_group=CustomerGroup.PUBLIC)
    _consenting(public_key)  # the public sector's own key model
    moved = OrganisationFactory(segment="regular")
    CareModelOverride.objects.create(organisation=moved, care_model=model)
    own = _consenting(moved)
    assert set(audiences.care_model_contacts(model, kind=KIND)) == {key, own}
