"""After-care end to end: a delivery is marked done, its follow-up shows in My work, the reminder e-mail goes
out, the follow-up is recorded and the new need it found becomes a lead with one click."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD
from care_plans.models import FollowUp, NewNeed
from crm.models import Delivery
from crm.tests.factories import DeliveryFactory, OrganisationFactory
from reminders.engine import reminders_run
from reminders.models import Reminder
from tests.browser import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def log_in(page, live_server, user) -> None:
    """By field names, so the journey does not depend on the translations of the login page."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=username]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_a_done_delivery_is_followed_up_and_its_new_need_becomes_a_lead(
    page, live_server, account_manager, eager_celery
):
    from leads.models import Lead

    customer = OrganisationFactory(name="Jyväskylän Konepaja Oy", account_manager=account_manager)
    # Ended ten days ago: the two-week contact falls inside My work's week ahead.
    delivery = DeliveryFactory(
        organisation=customer,
        responsible=account_manager,
        title="Työturvallisuuskoulutus",
        start_date=timezone.localdate() - datetime.timedelta(days=60),
        end_date=timezone.localdate() - datetime.timedelta(days=10),
        status=Delivery.Status.IN_PROGRESS,
    )
    log_in(page, live_server, account_manager)

    page.goto(f"{live_server.url}/customers/deliveries/{delivery.pk}/edit/")
    page.locator("select[name=status]").select_option("done")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jyväskylän Konepaja Oy")
    expect(page.locator("#care-heading")).to_be_visible()

    follow_up = FollowUp.objects.filter(delivery=delivery).order_by("due_date").first()
    assert follow_up is not None and follow_up.owner == account_manager
    page.goto(f"{live_server.url}/customers/work/")
    item = page.get_by_role("link", name=follow_up.title, exact=True)
    expect(item).to_be_visible()
    assert_accessible(page, "aftercare-my-work")

    # The beat task, run here synchronously (tests/test_celery_worker.py covers the worker path).
    reminders_run(today=follow_up.due_date)
    reminder = Reminder.objects.get(item_id=follow_up.pk)
    assert reminder.stage == "due_today"
    [message] = mail.outbox
    assert message.to == [account_manager.email] and follow_up.title in message.subject
    assert follow_up.get_absolute_url() in message.body

    page.locator(f"a[href='{follow_up.get_absolute_url()}'].btn").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(follow_up.title)
    page.locator("select[name=channel]").select_option("phone")
    page.locator("textarea[name=went_customer]").fill("Koulutus onnistui, osallistujat tyytyväisiä.")
    page.locator("textarea[name=went_ours]").fill("Aikataulu piti.")
    page.locator("textarea[name=need_reassessment]").fill("Tarve jatkuu uusille työntekijöille.")
    page.locator("textarea[name=services_presented]").fill("Oppisopimuskoulutus")
    page.locator("textarea[name=feedback]").fill("Kiitos hyvästä yhteistyöstä.")
    page.locator("textarea[name=new_needs]").fill("Esimieskoulutus työnjohtajille")
    assert_accessible(page, "aftercare-follow-up-form")
    page.locator("main form button[type=submit]").click()

    expect(page.get_by_text("Esimieskoulutus työnjohtajille", exact=True)).to_be_visible()
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.DONE and follow_up.channel == "phone"
    page.locator("form[action$='/lead/'] button").click()
    expect(page.get_by_role("status")).to_be_visible()
    need = NewNeed.objects.get(follow_up=follow_up)
    lead = Lead.objects.get(pk=need.lead_id)
    assert lead.organisation == customer and "Esimieskoulutus" in lead.description
    assert lead.assignee == account_manager
    assert_accessible(page, "aftercare-follow-up-done")

    page.goto(f"{live_server.url}/customers/work/")
    expect(page.get_by_role("link", name=follow_up.title, exact=True)).to_have_count(0)


def test_my_work_fits_a_phone(page, live_server, account_manager):
    from care_plans.tests.factories import FollowUpFactory

    FollowUpFactory(owner=account_manager, due_date=timezone.localdate(), title="Soitto " + "pitkä " * 20)
    page.set_viewport_size({"width": 360, "height": 740})
    log_in(page, live_server, account_manager)
    for path in ("/customers/work/", "/care/follow-ups/", "/care/plans/", "/care/settings/"):
        page.goto(f"{live_server.url}{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 360px"
