"""An account manager logs in, finds a customer by business ID, logs a meeting and sees it on the timeline."""

import pytest
from playwright.sync_api import expect

from crm.tests.factories import ContactFactory, OrganisationFactory
from tests.browser import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_account_manager_logs_a_meeting_on_the_timeline(page, live_server, account_manager):
    OrganisationFactory.create_batch(3)
    customer = OrganisationFactory(name="Jyväskylän Konepaja Oy", business_id="0112038-9")
    ContactFactory(organisation=customer, first_name="Maija", last_name="Mehiläinen")

    log_in(page, live_server, account_manager)
    expect(page.get_by_role("heading", level=1)).to_have_text("Omat tehtävät")
    assert_accessible(page, "register-my-work")
    page.get_by_role("link", name="Omat asiakkaat").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Omat asiakkaat")
    assert_accessible(page, "register-my-customers")

    page.get_by_role("link", name="Asiakkaat", exact=True).click()
    page.get_by_label("Haku").fill("0112038-9")
    page.get_by_role("button", name="Hae").click()
    expect(page.get_by_text("1 asiakas")).to_be_visible()
    assert_accessible(page, "register-search")
    page.get_by_role("link", name="Jyväskylän Konepaja Oy").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jyväskylän Konepaja Oy")
    assert_accessible(page, "register-detail")

    page.get_by_role("link", name="Kirjaa yhteydenotto").click()
    page.get_by_label("Aihe").fill("Henkilöstökoulutuksen tarpeet 2027")
    page.get_by_label("Kesto (minuuttia)").fill("45")
    page.get_by_label("Maija Mehiläinen").check()
    page.get_by_label("Muistiinpanot").fill("Asiakas haluaa tarjouksen työturvallisuuskoulutuksesta.")
    assert_accessible(page, "register-interaction-form")
    page.get_by_role("button", name="Tallenna").click()

    timeline = page.locator("#timeline")
    expect(timeline.get_by_text("Tapaaminen: Henkilöstökoulutuksen tarpeet 2027")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("aikajanalle")
    assert_accessible(page, "register-timeline")


def test_phone_width_has_no_sideways_scrolling(page, live_server, account_manager):
    customer = OrganisationFactory(name="Laukaan Puu Oy")
    page.set_viewport_size({"width": 360, "height": 740})
    log_in(page, live_server, account_manager)
    for path in ("/customers/", f"/customers/{customer.pk}/", f"/customers/{customer.pk}/edit/"):
        page.goto(f"{live_server.url}{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 360px"
    assert_accessible(page, "register-edit-360")
