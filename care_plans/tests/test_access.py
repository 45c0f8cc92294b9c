"""care_plans.access: owners (teachers too) write their items, management reads only, strangers get 404."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from care_plans import access
from care_plans.models import CalendarFeed, Meeting, NewNeed, SteeringGroup
from care_plans.tests.factories import CarePlanFactory, FollowUpFactory, PlanActionFactory
from crm.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _group(organisation) -> SteeringGroup:
    return SteeringGroup.objects.create(organisation=organisation, name="Ohjausryhmä")


def _meeting(organisation) -> Meeting:
    return Meeting.objects.create(
        group=_group(organisation), starts_at=datetime.datetime(2026, 5, 4, 9, tzinfo=datetime.UTC)
    )


# Follow-ups and actions: owned items


@pytest.mark.parametrize(
    ("lookup", "rw_lookup", "factory"),
    [
        (access.get_followup_for_user, access.get_rw_followup_for_user, FollowUpFactory),
        (access.get_action_for_user, access.get_rw_action_for_user, PlanActionFactory),
    ],
    ids=["follow_up", "action"],
)
def test_an_owned_item_is_its_owners_to_write_and_managements_to_read(
    lookup, rw_lookup, factory, teacher, management, account_manager
):
    teachers = factory(owner=teacher)
    someone_elses = factory()
    managements = factory(owner=management)
    assert rw_lookup(teacher, teachers.pk) == teachers
    with pytest.raises(Http404):
        lookup(teacher, someone_elses.pk)
    assert lookup(management, someone_elses.pk) == (someone_elses, False)
    with pytest.raises(PermissionDenied):
        rw_lookup(management, managements.pk)  # management's ownership is read-only
    assert lookup(account_manager, teachers.pk) == (teachers, True)


@pytest.mark.parametrize(
    ("lookup", "factory"),
    [(access.get_followup_for_user, FollowUpFactory), (access.get_action_for_user, PlanActionFactory)],
    ids=["follow_up", "action"],
)
def test_an_archived_customers_item_is_404_to_its_owner_too(lookup, factory, teacher, account_manager, admin):
    archived = OrganisationFactory(is_archived=True)
    item = factory(owner=teacher, organisation=archived)
    for user in (teacher, account_manager):
        with pytest.raises(Http404):
            lookup(user, item.pk)
    assert lookup(admin, item.pk) == (item, True)


def test_the_follow_up_lookup_preloads_what_its_page_shows(account_manager, django_assert_num_queries):
    follow_up = FollowUpFactory(owner=account_manager)
    found, _may_write = access.get_followup_for_user(account_manager, follow_up.pk)
    with django_assert_num_queries(0):
        assert (found.organisation, found.owner, found.delivery) == (follow_up.organisation, account_manager, None)


def test_a_need_becomes_a_lead_at_its_owners_hands_and_an_offer_at_an_editors(teacher, management, account_manager):
    follow_up = FollowUpFactory(owner=teacher)
    need = NewNeed.objects.create(follow_up=follow_up, organisation=follow_up.organisation, description="Tarve")
    assert access.get_rw_need_for_user(teacher, need.pk) == need
    with pytest.raises(PermissionDenied):
        access.get_rw_need_for_user(teacher, need.pk, into_offer=True)
    with pytest.raises(PermissionDenied):
        access.get_rw_need_for_user(management, need.pk)
    assert access.get_rw_need_for_user(account_manager, need.pk, into_offer=True) == need
    stranger = FollowUpFactory()
    strangers_need = NewNeed.objects.create(follow_up=stranger, organisation=stranger.organisation, description="X")
    with pytest.raises(Http404):
        access.get_need_for_user(teacher, strangers_need.pk)


# Plans, steering groups and meetings: the register roles' pages


@pytest.mark.parametrize(
    ("lookup", "rw_lookup", "make"),
    [
        (access.get_plan_for_user, access.get_rw_plan_for_user, lambda o: CarePlanFactory(organisation=o)),
        (access.get_group_for_user, access.get_rw_group_for_user, _group),
        (access.get_meeting_for_user, access.get_rw_meeting_for_user, _meeting),
    ],
    ids=["plan", "group", "meeting"],
)
def test_plans_groups_and_meetings_are_404_to_teachers_and_read_only_to_management(
    lookup, rw_lookup, make, teacher, management, account_manager, admin
):
    item = make(OrganisationFactory())
    with pytest.raises(Http404):
        lookup(teacher, item.pk)
    assert lookup(management, item.pk) == (item, False)
    with pytest.raises(PermissionDenied):
        rw_lookup(management, item.pk)
    assert rw_lookup(account_manager, item.pk) == item
    archived = make(OrganisationFactory(is_archived=True))
    with pytest.raises(Http404):
        lookup(account_manager, archived.pk)
    assert rw_lookup(admin, archived.pk) == archived


def test_the_meeting_lookup_preloads_its_group_customer_and_plan(account_manager, django_assert_num_queries):
    meeting = _meeting(OrganisationFactory())
    found = access.get_rw_meeting_for_user(account_manager, meeting.pk)
    with django_assert_num_queries(0):
        assert (found.group.organisation, found.group.plan) == (meeting.group.organisation, None)


def test_a_calendar_feed_is_found_by_its_secret_for_active_people_only(account_manager):
    feed = CalendarFeed.objects.create(user=account_manager)
    assert access.get_calendar_feed(feed.token) == feed
    with pytest.raises(Http404):
        access.get_calendar_feed("no-such-feed")
    account_manager.is_active = False
    account_manager.save()
    with pytest.raises(Http404):
        access.get_calendar_feed(feed.token)
