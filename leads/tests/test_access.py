"""leads.access: a lead is its passer's and the register roles'; offers are register roles' only; archived is hidden."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.tests.factories import OrgUnitFactory, UserFactory
from crm.tests.factories import OrganisationFactory
from leads import access
from leads.models import Offer
from leads.tests.factories import LeadFactory

pytestmark = pytest.mark.django_db


def _offer(organisation, responsible) -> Offer:
    return Offer.objects.create(
        organisation=organisation, title="Tarjous", responsible=responsible, valid_until=datetime.date(2030, 1, 1)
    )


def test_a_teacher_sees_their_own_lead_and_works_none(teacher):
    own = LeadFactory(passed_by=teacher)
    others = LeadFactory()
    assert access.get_lead_for_user(teacher, own.pk) == (own, False)
    with pytest.raises(PermissionDenied):
        access.get_rw_lead_for_user(teacher, own.pk)
    with pytest.raises(Http404):
        access.get_lead_for_user(teacher, others.pk)


def test_management_reads_every_lead_and_works_none(management, account_manager):
    lead = LeadFactory()
    assert access.get_lead_for_user(management, lead.pk) == (lead, False)
    with pytest.raises(PermissionDenied):
        access.get_rw_lead_for_user(management, lead.pk)
    assert access.get_rw_lead_for_user(account_manager, lead.pk) == lead


def test_the_lead_lookup_preloads_its_people_and_customer(account_manager, django_assert_num_queries):
    lead = LeadFactory(assignee=account_manager)
    found = access.get_rw_lead_for_user(account_manager, lead.pk)
    with django_assert_num_queries(0):
        assert (found.organisation, found.passed_by, found.assignee) == (
            lead.organisation,
            lead.passed_by,
            account_manager,
        )


def test_an_archived_customers_lead_is_404_to_all_but_admins(teacher, account_manager, management, admin):
    lead = LeadFactory(organisation=OrganisationFactory(is_archived=True), passed_by=teacher)
    for user in (teacher, account_manager, management):
        with pytest.raises(Http404):
            access.get_lead_for_user(user, lead.pk)
    assert access.get_rw_lead_for_user(admin, lead.pk) == lead
    assert list(access.passed_leads(teacher)) == []


def test_a_lead_for_an_organisation_not_yet_in_the_register_stays_visible(teacher, account_manager):
    lead = LeadFactory(organisation=None, new_organisation_name="Uusi Oy", passed_by=teacher)
    assert access.get_lead_for_user(account_manager, lead.pk) == (lead, True)
    assert list(access.passed_leads(teacher)) == [lead]


def test_statistics_count_archived_customers_leads_for_their_readers(management, account_manager):
    lead = LeadFactory(organisation=OrganisationFactory(is_archived=True))
    assert list(access.leads_for_statistics(management)) == [lead]
    assert list(access.leads_for_statistics(account_manager)) == []


def test_offers_are_404_to_teachers_and_read_only_to_management(teacher, management, account_manager):
    offer = _offer(OrganisationFactory(), account_manager)
    with pytest.raises(Http404):
        access.get_offer_for_user(teacher, offer.pk)
    assert access.get_offer_for_user(management, offer.pk) == (offer, False)
    with pytest.raises(PermissionDenied):
        access.get_rw_offer_for_user(management, offer.pk)
    assert access.get_offer_for_user(account_manager, offer.pk) == (offer, True)


def test_an_archived_customers_offer_is_404_to_all_but_admins(account_manager, management, admin):
    offer = _offer(OrganisationFactory(is_archived=True), account_manager)
    for user in (account_manager, management):
        with pytest.raises(Http404):
            access.get_offer_for_user(user, offer.pk)
    assert access.get_rw_offer_for_user(admin, offer.pk) == offer


def test_triage_shows_my_units_and_an_admin_every_unit(account_manager, admin):
    mine, other = OrgUnitFactory(), OrgUnitFactory()
    OrgUnitFactory(is_active=False)
    account_manager.units.add(mine)
    assert list(access.triage_units(account_manager)) == [mine]
    assert set(access.triage_units(admin)) == {mine, other}


def test_everyone_with_a_role_passes_leads_and_picks_organisations(teacher, management):
    assert access.can_pass_lead(teacher) and access.can_pass_lead(management)
    assert access.can_pick_organisations(teacher) and not access.can_pick_organisations(UserFactory())
