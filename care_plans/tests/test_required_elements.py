"""What a care model requires acts: annual reviews and steering group meetings come due, remind, and count in
coverage; a care plan's own rhythm moves the next contact."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from care_plans import required, services
from care_plans.models import FollowUp, Meeting, SteeringGroup
from care_plans.tests.factories import CarePlanFactory, FollowUpFactory
from crm.models import Organisation
from crm.tests.factories import OrganisationFactory
from reminders.engine import reminders_run
from reminders.models import Reminder

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2026, 4, 2)


def _items(organisation, kind):
    return list(FollowUp.objects.filter(organisation=organisation, kind=kind).order_by("due_date"))


@freeze_time("2026-04-02 08:00:00+03:00")
def test_a_required_annual_review_is_due_in_my_work_reminds_and_comes_again_a_year_after(
    client, account_manager, django_capture_on_commit_callbacks
):
    key = OrganisationFactory(segment="key", account_manager=account_manager)  # key: annual review required
    regular = OrganisationFactory(segment="regular", account_manager=account_manager)  # not required
    assert required.required_items_create() >= 1
    assert required.required_items_create() == 0  # idempotent
    [review] = _items(key, FollowUp.Kind.ANNUAL_REVIEW)
    assert review.owner == account_manager and review.due_date == TODAY
    assert not _items(regular, FollowUp.Kind.ANNUAL_REVIEW)

    client.force_login(account_manager)
    page = client.get(reverse("crm:my_work")).content.decode()
    assert "Vuosikatsaus asiakkaan kanssa" in page or "Annual review with the customer" in page

    with django_capture_on_commit_callbacks(execute=True):
        reminders_run()
    assert Reminder.objects.filter(item_id=review.pk, stage="due_today", recipient=account_manager).exists()

    review.channel = "meeting"
    services.followup_complete(follow_up=review, actor=account_manager, new_needs=[])
    later = _items(key, FollowUp.Kind.ANNUAL_REVIEW)
    assert [f.due_date for f in later] == [TODAY, D(2027, 4, 2)]
    assert later[1].status == FollowUp.Status.OPEN


@freeze_time("2026-04-02 08:00:00+03:00")
def test_a_required_steering_group_meets_every_six_months(account_manager):
    strategic = OrganisationFactory(segment="strategic", account_manager=account_manager)
    required.required_items_create(organisation_ids=[strategic.pk])
    [item] = _items(strategic, FollowUp.Kind.STEERING_MEETING)
    assert item.due_date == TODAY

    group = services.group_save(group=SteeringGroup(organisation=strategic, name="Ohjausryhmä"), actor=account_manager)
    held = timezone.make_aware(datetime.datetime(2026, 3, 31, 13))
    services.meeting_save(meeting=Meeting(group=group, starts_at=held), actor=account_manager)
    items = _items(strategic, FollowUp.Kind.STEERING_MEETING)
    assert [(f.due_date, f.status) for f in items] == [(TODAY, "done"), (D(2026, 9, 30), "open")]


@freeze_time("2026-04-02 08:00:00+03:00")
def test_customers_lacking_a_required_element_count_in_coverage(account_manager):
    reviewed = OrganisationFactory(segment="key", account_manager=account_manager)
    lacking = OrganisationFactory(segment="key", account_manager=account_manager)
    FollowUpFactory(
        organisation=reviewed,
        owner=account_manager,
        kind=FollowUp.Kind.ANNUAL_REVIEW,
        status=FollowUp.Status.DONE,
        channel="meeting",
        completed_at=timezone.now() - datetime.timedelta(days=30),
    )
    organisations = Organisation.objects.filter(pk__in=[reviewed.pk, lacking.pk])
    assert required.element_coverage(organisations, "annual_review") == {"key": {"required": 2, "have": 1}}
    assert list(required.customers_lacking(organisations, "annual_review")) == [lacking]
    assert required.coverage_metric("annual_review")(organisations) == {"key": "1 / 2 (50 %)"}
    # The segment overview shows it beside care plan coverage.
    assert required.element_coverage(organisations, "steering_group") == {}  # key customers need none

    FollowUpFactory(organisation=lacking, owner=account_manager, due_date=D(2026, 3, 1))  # after-care overdue
    assert required.element_coverage(organisations, "after_care") == {"key": {"required": 2, "have": 1}}


def test_the_overview_shows_the_coverage_columns(client, account_manager):
    OrganisationFactory(segment="key", account_manager=account_manager)
    client.force_login(account_manager)
    page = client.get(reverse("segments:overview"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "0 / 1 (0 %)" in page


@freeze_time("2026-04-02 08:00:00+03:00")
def test_a_care_plans_own_rhythm_moves_the_next_contact(account_manager):
    last = timezone.make_aware(datetime.datetime(2026, 3, 1, 12))
    customer = OrganisationFactory(segment="regular", account_manager=account_manager, last_contact_at=last)
    plan = CarePlanFactory(organisation=customer, owner=account_manager, status="active")
    services.plan_save(plan=plan, actor=account_manager)
    assert Organisation.objects.get(pk=customer.pk).next_contact_due == D(2026, 6, 1)  # the model's 3 months
    plan.contact_interval_months = 1
    services.plan_save(plan=plan, actor=account_manager)
    assert Organisation.objects.get(pk=customer.pk).next_contact_due == D(2026, 4, 1)
    services.plan_set_status(plan=plan, status="closed", actor=account_manager)
    assert Organisation.objects.get(pk=customer.pk).next_contact_due == D(2026, 6, 1)
