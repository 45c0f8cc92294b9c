"""Every care_plans page against every role, one-click done, versions, the calendar feed and query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from care_plans.models import CalendarFeed, CarePlan, Meeting, PlanAction, SteeringGroup
from care_plans.tests.factories import CarePlanFactory, FollowUpFactory, PlanActionFactory
from crm.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(account_manager, teacher):
    organisation = OrganisationFactory(account_manager=account_manager, segment="key")
    plan = CarePlanFactory(organisation=organisation, owner=account_manager)
    group = SteeringGroup.objects.create(organisation=organisation, plan=plan, name="Ohjausryhmä")
    meeting = Meeting.objects.create(group=group, starts_at=datetime.datetime(2026, 5, 4, 9, tzinfo=datetime.UTC))
    return {
        "organisation": organisation,
        "plan": plan,
        "group": group,
        "meeting": meeting,
        "follow_up": FollowUpFactory(organisation=organisation, owner=account_manager),
        "teachers_follow_up": FollowUpFactory(organisation=organisation, owner=teacher),
        "free_org": OrganisationFactory(),
    }


PAGES = [
    # (url name, world key for the argument, {role: expected status})
    ("crm:my_work", None, {"account_manager": 200, "management": 200, "teacher": 200}),
    ("care_plans:followup_list", None, {"account_manager": 200, "management": 200, "teacher": 403}),
    ("care_plans:followup_detail", "follow_up", {"account_manager": 200, "management": 200, "teacher": 404}),
    ("care_plans:followup_detail", "teachers_follow_up", {"account_manager": 200, "management": 200, "teacher": 200}),
    ("care_plans:plan_list", None, {"account_manager": 200, "management": 200, "teacher": 403}),
    ("care_plans:plan_review_list", None, {"account_manager": 200, "management": 200, "teacher": 403}),
    ("care_plans:plan_detail", "plan", {"account_manager": 200, "management": 200, "teacher": 403}),
    ("care_plans:plan_edit", "plan", {"account_manager": 200, "management": 403, "teacher": 403}),
    ("care_plans:plan_history", "plan", {"account_manager": 200, "management": 200, "teacher": 403}),
    ("care_plans:plan_create", "free_org", {"account_manager": 200, "management": 403, "teacher": 403}),
    ("care_plans:group_create", "organisation", {"account_manager": 200, "management": 403, "teacher": 403}),
    ("care_plans:group_detail", "group", {"account_manager": 200, "management": 200, "teacher": 403}),
    ("care_plans:meeting_create", "group", {"account_manager": 200, "management": 403, "teacher": 403}),
    ("care_plans:meeting_detail", "meeting", {"account_manager": 200, "management": 200, "teacher": 403}),
    ("care_plans:meeting_edit", "meeting", {"account_manager": 200, "management": 403, "teacher": 403}),
    ("care_plans:preferences", None, {"account_manager": 200, "management": 200, "teacher": 200}),
]


@pytest.mark.parametrize("role", ["account_manager", "management", "teacher", "anonymous"])
def test_every_page_answers_every_role_as_pinned(client, world, role, request):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    for name, key, expected in PAGES:
        url = reverse(name, args=[world[key].pk] if key else [])
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
            continue
        assert response.status_code == expected[role], f"{role} {url}: {response.status_code}"
        if response.status_code == 200:
            assert response.content.count(b"<h1") == 1, url


@pytest.mark.parametrize(
    "name", ["care_plans:action_done", "care_plans:plan_reviewed", "care_plans:plan_status", "care_plans:need_to_lead"]
)
def test_writes_reject_get(client, account_manager, name):
    client.force_login(account_manager)
    assert client.get(reverse(name, args=[1])).status_code == 405


def test_management_cannot_mark_an_action_done(client, management):
    action = PlanActionFactory()
    client.force_login(management)
    assert client.post(reverse("care_plans:action_done", args=[action.pk])).status_code == 403


@freeze_time("2026-05-04 09:00:00+03:00")
def test_my_work_lists_due_items_each_one_click_from_done(client, account_manager):
    organisation = OrganisationFactory(account_manager=account_manager, next_contact_due=datetime.date(2026, 5, 1))
    follow_up = FollowUpFactory(owner=account_manager, due_date=datetime.date(2026, 5, 4))
    action = PlanActionFactory(plan__owner=account_manager, due_date=datetime.date(2026, 4, 30))
    FollowUpFactory(owner=account_manager, due_date=datetime.date(2026, 6, 30))  # beyond the horizon
    lead = _lead_for(account_manager)
    client.force_login(account_manager)
    response = client.get(reverse("crm:my_work"))
    sections = response.context["sections"]
    assert [i.url for i in sections["upcoming"]] == [lead.get_absolute_url()]
    assert [i.title for i in sections["today"]] == [follow_up.title]
    assert {i.kind for i in sections["overdue"]} == {"plan_action", "contact_due"}
    assert f'action="{reverse("care_plans:action_done", args=[action.pk])}"'.encode() in response.content
    assert reverse("crm:interaction_create", args=[organisation.pk]).encode() in response.content

    response = client.post(reverse("care_plans:action_done", args=[action.pk]), {"next": "my_work"})
    assert response["Location"] == reverse("crm:my_work")
    action.refresh_from_db()
    assert action.status == PlanAction.Status.DONE


def _lead_for(user):
    from leads.models import Lead

    return Lead.objects.create(
        organisation=OrganisationFactory(),
        need="other",
        description="Esimieskoulutus",
        passed_by=user,
        assignee=user,
        state="assigned",
        contact_due_on=datetime.date(2026, 5, 6),
    )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@freeze_time("2026-05-04 09:00:00+03:00")
def test_my_work_costs_the_same_queries_for_one_item_or_many(client, account_manager):
    client.force_login(account_manager)
    FollowUpFactory(owner=account_manager, due_date=datetime.date(2026, 5, 4))
    PlanActionFactory(plan__owner=account_manager, due_date=datetime.date(2026, 5, 4))
    client.get(reverse("crm:my_work"))  # warm the content-type and session caches
    few = _queries(client, reverse("crm:my_work"))
    for _n in range(10):
        _lead_for(account_manager)
        FollowUpFactory(owner=account_manager, due_date=datetime.date(2026, 5, 3))
        PlanActionFactory(plan__owner=account_manager, due_date=datetime.date(2026, 5, 5))
        OrganisationFactory(account_manager=account_manager, next_contact_due=datetime.date(2026, 5, 1))
    assert _queries(client, reverse("crm:my_work")) == few
    assert few <= 12


def test_plan_lists_cost_the_same_queries_for_one_plan_or_many(client, management):
    client.force_login(management)
    CarePlanFactory(organisation__segment="key")
    client.get(reverse("care_plans:plan_list"))
    few = _queries(client, reverse("care_plans:plan_list"))
    few_review = _queries(client, reverse("care_plans:plan_review_list"))
    CarePlanFactory.create_batch(10, organisation__segment="strategic")
    assert _queries(client, reverse("care_plans:plan_list")) == few
    assert _queries(client, reverse("care_plans:plan_review_list")) == few_review
    assert few <= 12


def test_review_list_shows_key_and_strategic_plans_and_coverage(client, management):
    key_plan = CarePlanFactory(organisation__segment="key")
    CarePlanFactory(organisation__segment="regular")
    OrganisationFactory(segment="strategic")  # no plan
    client.force_login(management)
    response = client.get(reverse("care_plans:plan_review_list"))
    assert list(response.context["page"].object_list) == [key_plan]
    coverage = {row["segment"]: row for row in response.context["coverage"]}
    assert coverage["key"]["share"] == 100 and coverage["strategic"]["share"] == 0


def test_a_plan_is_created_once_per_customer_and_its_versions_compare(client, account_manager):
    organisation = OrganisationFactory(account_manager=account_manager)
    client.force_login(account_manager)
    data = {
        "status": "active",
        "owner": account_manager.pk,
        "customer_goals": "Kasvu",
        "channels": ["phone", "meeting"],
    }
    response = client.post(reverse("care_plans:plan_create", args=[organisation.pk]), data)
    plan = CarePlan.objects.get(organisation=organisation)
    assert response["Location"] == plan.get_absolute_url()
    assert plan.channels == ["phone", "meeting"]
    response = client.get(reverse("care_plans:plan_create", args=[organisation.pk]))
    assert response.status_code == 302  # the open plan instead of a second one

    client.post(reverse("care_plans:plan_edit", args=[plan.pk]), {**data, "customer_goals": "Kasvu ja vienti"})
    response = client.get(reverse("care_plans:plan_history", args=[plan.pk]))
    changes = {c["field"]: (c["old"], c["new"]) for c in response.context["changes"]}
    assert changes["customer_goals"] == ("Kasvu", "Kasvu ja vienti")


def test_steering_group_meeting_decides_an_action(client, account_manager, world):
    client.force_login(account_manager)
    meeting = world["meeting"]
    response = client.post(
        reverse("care_plans:meeting_action_create", args=[meeting.pk]),
        {"title": "Kevään koulutuskalenteri", "owner": account_manager.pk, "due_date": "2026-06-01"},
    )
    assert response.status_code == 302
    action = PlanAction.objects.get(meeting=meeting)
    assert action.organisation == world["organisation"] and action.plan == world["plan"]
    response = client.post(
        reverse("care_plans:member_add", args=[world["group"].pk]), {"name": "Maija Mehiläinen", "role": "employer"}
    )
    assert world["group"].members.get().get_role_display() == "Employer representative" or response.status_code == 302


@freeze_time("2026-04-20 09:00:00+03:00")
def test_the_calendar_feed_is_secret_and_lists_follow_ups_and_meetings(client, account_manager, world):
    client.force_login(account_manager)
    client.post(reverse("care_plans:feed_rotate"))
    feed = CalendarFeed.objects.get(user=account_manager)
    client.logout()
    response = client.get(reverse("care_plans:calendar_feed", args=[feed.token]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.count("BEGIN:VEVENT") == 2
    assert world["follow_up"].title in body and "Ohjausryhm" in body
    assert client.get(reverse("care_plans:calendar_feed", args=["wrong"])).status_code == 404
    old = feed.token
    client.force_login(account_manager)
    client.post(reverse("care_plans:feed_rotate"))
    assert client.get(reverse("care_plans:calendar_feed", args=[old])).status_code == 404


def test_the_organisation_page_shows_the_care_panel(client, account_manager, world):
    client.force_login(account_manager)
    response = client.get(world["organisation"].get_absolute_url())
    assert world["follow_up"].title.encode() in response.content
    assert reverse("care_plans:plan_detail", args=[world["plan"].pk]).encode() in response.content


def test_the_panel_says_when_the_care_model_requires_a_plan(client, account_manager):
    from django.apps import apps

    care_model = apps.get_model("segments", "CareModel").objects.filter(segment__code="strategic").first()
    if care_model is None:
        pytest.fail("segments ships a care model for strategic customers")
    care_model.requires_care_plan = True
    care_model.save()
    organisation = OrganisationFactory(segment="strategic")
    client.force_login(account_manager)
    response = client.get(organisation.get_absolute_url())
    assert b"text-bg-warning" in response.content and b"plan/new/" in response.content


def test_segment_overview_shows_care_plan_coverage_of_key_customers(client, account_manager):
    planned = OrganisationFactory(segment="key")
    OrganisationFactory(segment="key")
    CarePlanFactory(organisation=planned, owner=account_manager, status="active")
    client.force_login(account_manager)
    response = client.get(reverse("segments:overview"))
    assert "50 %" in response.content.decode()
