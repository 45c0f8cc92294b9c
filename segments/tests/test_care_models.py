"""Which care model a customer follows: its own, then its group's for its segment, then its group's."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from care_plans import services as care_services
from care_plans.models import FollowUp
from crm.models import CustomerGroup, Organisation
from crm.tests.factories import DeliveryFactory, OrganisationFactory
from segments import services
from segments.care_models import care_model_for, with_care_model
from segments.models import CareModel, CareModelOverride, Segment

pytestmark = pytest.mark.django_db


def _model(group=CustomerGroup.BUSINESS, segment=None, **fields) -> CareModel:
    model = CareModel(customer_group=group, segment=Segment.objects.get(code=segment) if segment else None, **fields)
    model.full_clean()
    model.save()
    return model


def _fresh(organisation) -> Organisation:
    return Organisation.objects.get(pk=organisation.pk)


def test_shipped_models_apply_to_business_and_public_customers_per_segment():
    for group in (CustomerGroup.BUSINESS, CustomerGroup.PUBLIC):
        codes = set(CareModel.objects.filter(customer_group=group).values_list("segment__code", flat=True))
        assert codes == set(Segment.objects.values_list("code", flat=True))
    municipality = OrganisationFactory(customer_group=CustomerGroup.PUBLIC, segment="strategic")
    assert care_model_for(municipality).customer_group == CustomerGroup.PUBLIC
    assert care_model_for(municipality).segment.code == "strategic"


def test_the_most_specific_care_model_wins():
    group_model = _model(CustomerGroup.STAKEHOLDER, contact_interval_months=12)
    segment_model = CareModel.objects.get(customer_group=CustomerGroup.BUSINESS, segment__code="key")
    business_group_model = _model(CustomerGroup.BUSINESS, contact_interval_months=9)
    own = _model(CustomerGroup.PUBLIC, contact_interval_months=1)

    partner = OrganisationFactory(customer_group=CustomerGroup.STAKEHOLDER)
    key_customer = OrganisationFactory(segment="key")
    unclassified = OrganisationFactory(segment="")
    special = OrganisationFactory(segment="key")
    CareModelOverride.objects.create(organisation=special, care_model=own)
    person = OrganisationFactory(customer_group=CustomerGroup.INDIVIDUAL)

    assert care_model_for(_fresh(partner)) == group_model  # the group's model
    assert care_model_for(_fresh(key_customer)) == segment_model  # group + segment beats group only
    assert care_model_for(_fresh(unclassified)) == business_group_model  # no segment: the group's
    assert care_model_for(_fresh(special)) == own  # the customer's own beats all
    assert care_model_for(_fresh(person)) is None  # no model for individuals

    annotated = dict(
        with_care_model(
            Organisation.objects.filter(pk__in=[partner.pk, key_customer.pk, special.pk, person.pk])
        ).values_list("pk", "care_model_id")
    )
    assert annotated == {
        partner.pk: group_model.pk,
        key_customer.pk: segment_model.pk,
        special.pk: own.pk,
        person.pk: None,
    }


def test_an_inactive_model_does_not_apply():
    model = CareModel.objects.get(customer_group=CustomerGroup.BUSINESS, segment__code="regular")
    model.is_active = False
    model.save()
    assert care_model_for(OrganisationFactory(segment="regular")) is None


@translation.override("en")
def test_two_active_models_for_the_same_group_and_segment_are_refused():
    with pytest.raises(ValidationError, match="already has an active care model for this segment"):
        _model(CustomerGroup.BUSINESS, "key")
    _model(CustomerGroup.STAKEHOLDER)
    with pytest.raises(ValidationError, match="already has an active care model for the whole group"):
        _model(CustomerGroup.STAKEHOLDER)
    _model(CustomerGroup.STAKEHOLDER, is_active=False)  # an inactive one may wait beside it


def test_the_care_models_interval_moves_the_next_contact():
    _model(CustomerGroup.STAKEHOLDER, contact_interval_months=4)
    last = timezone.make_aware(datetime.datetime(2026, 1, 10, 12))
    partner = OrganisationFactory(customer_group=CustomerGroup.STAKEHOLDER, last_contact_at=last)
    assert services.next_contact_refresh(partner.pk) == datetime.date(2026, 5, 10)
    own = _model(CustomerGroup.INDIVIDUAL, contact_interval_months=1)
    CareModelOverride.objects.create(organisation=partner, care_model=own)
    services.next_contacts_recompute()
    assert _fresh(partner).next_contact_due == datetime.date(2026, 2, 10)


def test_no_model_keeps_after_care_and_a_model_can_switch_it_off(account_manager):
    person = OrganisationFactory(customer_group=CustomerGroup.INDIVIDUAL)
    delivery = DeliveryFactory(organisation=person, responsible=account_manager)
    assert care_services.followups_create_for_delivery(delivery=delivery)

    model = CareModel.objects.get(customer_group=CustomerGroup.BUSINESS, segment__code="occasional")
    model.after_care_off = True
    model.save()
    occasional = OrganisationFactory(segment="occasional")
    delivery = DeliveryFactory(organisation=occasional, responsible=account_manager)
    assert care_services.followups_create_for_delivery(delivery=delivery) == []
    assert not FollowUp.objects.filter(delivery=delivery).exists()
