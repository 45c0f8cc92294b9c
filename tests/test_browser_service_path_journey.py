"""After-care from the first day: an account manager records the service need and the service promise at a
delivery's start, and the after-care contact at its end (the after-care thesis, Pirkanmaa TE office 2015)."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from care_plans.models import FollowUp, ServiceStart
from crm.models import Delivery
from crm.tests.factories import DeliveryFactory, OrganisationFactory
from tests.browser import assert_accessible
from tests.test_browser_aftercare_journey import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_need_and_promise_at_the_start_and_the_after_care_contact_at_the_end(
    page, live_server, account_manager, eager_celery
):
    customer = OrganisationFactory(name="Laukaan Puutyö Oy", account_manager=account_manager)
    today = timezone.localdate()
    delivery = DeliveryFactory(
        organisation=customer,
        responsible=account_manager,
        title="Esihenkilövalmennus",
        start_date=today - datetime.timedelta(days=20),
        end_date=today - datetime.timedelta(days=1),
        status=Delivery.Status.PLANNED,
    )
    log_in(page, live_server, account_manager)

    # The start: from the customer's page to the delivery's need and promise.
    page.goto(f"{live_server.url}{customer.get_absolute_url()}")
    page.locator(f"a[href='/care/deliveries/{delivery.pk}/start/']").click()
    page.locator("textarea[name=need_assessment]").fill("Kuusi uutta työnjohtajaa; tarve: vuorovaikutus ja johtaminen.")
    page.locator("textarea[name=service_promise]").fill(
        "Suunnittelupalaveri, neljä valmennuspäivää, väliarvio, henkilökohtainen yhteydenotto kahden viikon sisällä."
    )
    assert_accessible(page, "service-path-start")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Laukaan Puutyö Oy")
    start = ServiceStart.objects.get(delivery=delivery)
    assert start.recorded_by == account_manager and "työnjohtajaa" in start.need_assessment

    # The end: the delivery is done, its after-care contact is recorded by phone (e-mail shows its hint).
    page.goto(f"{live_server.url}/customers/deliveries/{delivery.pk}/edit/")
    page.locator("select[name=status]").select_option("done")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Laukaan Puutyö Oy")
    follow_up = FollowUp.objects.filter(delivery=delivery, kind=FollowUp.Kind.AFTER_CARE).order_by("due_date").first()
    assert follow_up is not None
    page.goto(f"{live_server.url}{follow_up.get_absolute_url()}")
    page.locator("select[name=channel]").select_option("email")
    expect(page.locator("#email-hint")).to_be_visible()
    page.locator("select[name=channel]").select_option("phone")
    expect(page.locator("#email-hint")).to_be_hidden()
    page.locator("textarea[name=went_customer]").fill("Valmennus vastasi lupausta.")
    page.locator("textarea[name=need_reassessment]").fill("Tarve jatkuu: uudet työnjohtajat syksyllä.")
    assert_accessible(page, "service-path-after-care")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.DONE and follow_up.channel == "phone"

    # The team sees what was promised beside what followed.
    page.goto(f"{live_server.url}/care/deliveries/{delivery.pk}/start/")
    expect(page.get_by_text("Valmennus vastasi lupausta.")).to_have_count(0)
    expect(page.get_by_role("link", name=follow_up.title)).to_be_visible()
    assert_accessible(page, "service-path-delivery")
