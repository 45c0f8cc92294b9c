"""Management records that it reviewed a key or strategic customer's plan; the review list shows when."""

import datetime
import uuid

import pytest
from django.urls import reverse

from care_plans.models import ManagementReview
from care_plans.tests.factories import CarePlanFactory
from crm.models import TimelineEntry
from crm.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_management_records_a_review_and_the_list_shows_the_last_one(client, management, account_manager):
    plan = CarePlanFactory(organisation=OrganisationFactory(segment="key"), owner=account_manager)
    client.force_login(management)
    url = reverse("care_plans:management_review_create", args=[plan.pk])
    assert client.get(url).status_code == 200
    for day in ("2026-02-10", "2026-05-12"):
        response = client.post(
            url, {"reviewed_on": day, "note": "Käyty johtoryhmässä.", "idempotency_key": str(uuid.uuid4())}
        )
        assert response.status_code == 302
    assert ManagementReview.objects.filter(plan=plan, recorded_by=management).count() == 2
    assert TimelineEntry.objects.filter(organisation=plan.organisation, message_code="care_plans.management_review")
    page = client.get(reverse("care_plans:plan_review_list"), HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert "12.5.2026" in page and "10.2.2026" not in page
    detail = client.get(plan.get_absolute_url()).content.decode()
    assert "Käyty johtoryhmässä." in detail


def test_account_managers_do_not_record_managements_reviews(client, account_manager):
    plan = CarePlanFactory(organisation=OrganisationFactory(segment="key"), owner=account_manager)
    client.force_login(account_manager)
    url = reverse("care_plans:management_review_create", args=[plan.pk])
    assert client.post(url, {"reviewed_on": datetime.date(2026, 2, 10).isoformat()}).status_code == 403
