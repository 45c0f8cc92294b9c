"""crm.access: strangers get 404, read-only users 403 on the rw lookups, and the lookups preload what views use."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from crm import access
from crm.tests.factories import (
    AgreementFactory,
    ContactFactory,
    DeliveryFactory,
    InteractionFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db

ENTRIES = [
    (access.get_contact_for_user, access.get_rw_contact_for_user, ContactFactory),
    (access.get_interaction_for_user, access.get_rw_interaction_for_user, InteractionFactory),
    (access.get_delivery_for_user, access.get_rw_delivery_for_user, DeliveryFactory),
    (access.get_agreement_for_user, access.get_rw_agreement_for_user, AgreementFactory),
]
ENTRY_IDS = ["contact", "interaction", "delivery", "agreement"]


def test_an_organisation_is_404_to_teachers_and_read_only_to_management(teacher, management, account_manager):
    organisation = OrganisationFactory()
    with pytest.raises(Http404):
        access.get_organisation_for_user(teacher, organisation.pk)
    assert access.get_organisation_for_user(management, organisation.pk) == (organisation, False)
    with pytest.raises(PermissionDenied):
        access.get_rw_organisation_for_user(management, organisation.pk)
    assert access.get_organisation_for_user(account_manager, organisation.pk) == (organisation, True)
    assert access.get_rw_organisation_for_user(account_manager, organisation.pk) == organisation


def test_an_archived_organisation_is_404_to_all_but_admins(account_manager, management, admin):
    archived = OrganisationFactory(is_archived=True)
    for user in (account_manager, management):
        with pytest.raises(Http404):
            access.get_organisation_for_user(user, archived.pk)
    assert access.get_rw_organisation_for_user(admin, archived.pk) == archived


def test_the_organisation_lookup_preloads_what_it_is_asked_to(account_manager, django_assert_num_queries):
    manager = UserFactory(roles=[Role.ACCOUNT_MANAGER])
    organisation = OrganisationFactory(account_manager=manager)
    found, _may_edit = access.get_organisation_for_user(account_manager, organisation.pk, preload=("account_manager",))
    with django_assert_num_queries(0):
        assert found.account_manager == manager


def test_the_account_team_is_changed_by_its_manager_or_an_admin(account_manager, management, admin):
    own = OrganisationFactory(account_manager=account_manager)
    others = OrganisationFactory(account_manager=UserFactory(roles=[Role.ACCOUNT_MANAGER]))
    orphan = OrganisationFactory()
    assert access.get_account_team_for_user(account_manager, own.pk) == (own, True)
    assert access.get_account_team_for_user(account_manager, orphan.pk) == (orphan, True)
    assert access.get_account_team_for_user(account_manager, others.pk) == (others, False)
    with pytest.raises(PermissionDenied):
        access.get_rw_account_team_for_user(account_manager, others.pk)
    with pytest.raises(PermissionDenied):
        access.get_rw_account_team_for_user(management, own.pk)
    assert access.get_rw_account_team_for_user(admin, others.pk) == others


@pytest.mark.parametrize(("lookup", "rw_lookup", "factory"), ENTRIES, ids=ENTRY_IDS)
def test_an_entry_is_404_to_teachers_and_read_only_to_management(
    lookup, rw_lookup, factory, teacher, management, account_manager, django_assert_num_queries
):
    entry = factory()
    with pytest.raises(Http404):
        lookup(teacher, entry.pk)
    assert lookup(management, entry.pk) == (entry, False)
    with pytest.raises(PermissionDenied):
        rw_lookup(management, entry.pk)
    found = rw_lookup(account_manager, entry.pk)
    with django_assert_num_queries(0):
        assert found.organisation == entry.organisation  # preloaded: every entry view shows its customer


@pytest.mark.parametrize(("lookup", "rw_lookup", "factory"), ENTRIES, ids=ENTRY_IDS)
def test_an_archived_customers_entry_is_404_to_all_but_admins(
    lookup, rw_lookup, factory, account_manager, management, admin
):
    entry = factory(organisation=OrganisationFactory(is_archived=True))
    for user in (account_manager, management):
        with pytest.raises(Http404):
            lookup(user, entry.pk)
    assert rw_lookup(admin, entry.pk) == entry


def test_managements_own_entry_stays_read_only(management):
    interaction = InteractionFactory(created_by=management)
    assert access.get_interaction_for_user(management, interaction.pk) == (interaction, False)


def test_an_anonymised_contact_is_found_only_when_asked_for(account_manager):
    contact = ContactFactory(anonymised_at=timezone.now())
    with pytest.raises(Http404):
        access.get_rw_contact_for_user(account_manager, contact.pk)
    assert access.get_rw_contact_for_user(account_manager, contact.pk, anonymised=True) == contact


def test_each_role_lands_on_its_first_page(teacher, account_manager, management, admin):
    assert access.landing_page(account_manager) == "crm:my_work"
    assert access.landing_page(management) == "roadmap:dashboard"  # registered by the roadmap app
    assert access.landing_page(admin) == "crm:organisation_list"
    assert access.landing_page(teacher) == "leads:my_leads"
    assert access.landing_page(UserFactory()) is None
