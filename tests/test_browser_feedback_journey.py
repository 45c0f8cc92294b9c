"""A survey answered on a phone and its loop: the respondent opens the e-mailed link at 390x844, answers in two
taps and sees thanks; the account manager then finds the detractor follow-up in My work."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from crm.tests.factories import ContactFactory, DeliveryFactory, OrganisationFactory
from feedback.models import LoopAction, Response
from feedback.services.invitations import invitations_for_delivery, invitations_send
from outbox.models import OutgoingEmail
from outbox.services import email_send
from tests.browser import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def test_a_respondent_answers_in_two_taps_and_the_manager_sees_the_follow_up(
    page, live_server, account_manager, eager_celery, settings
):
    settings.SITE_URL = live_server.url
    customer = OrganisationFactory(name="Jyväskylän Konepaja Oy", account_manager=account_manager)
    ContactFactory(organisation=customer, first_name="Pirkko", is_decision_maker=True)
    invitations_for_delivery(delivery=DeliveryFactory(organisation=customer, title="Hitsauskoulutus"))
    invitations_send(now=timezone.now() + timezone.timedelta(days=4))
    email_send(OutgoingEmail.objects.get().pk)  # sent already after the commit (eager tasks): a no-op then
    [message] = mail.outbox
    answer_url = re.search(r"(http\S+/survey/\S+/)", message.body).group(1)

    page.set_viewport_size(PHONE)
    page.goto(answer_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jyväskylän Konepaja Oy")
    assert_accessible(page, "feedback-answer-phone")
    assert Axe().run(page).response["violations"] == []  # none at all on the public page
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.get_by_text("4", exact=True).click()  # tap one: the score
    page.get_by_role("button", name="Lähetä").click()  # tap two: send
    expect(page.get_by_role("heading", level=1)).to_have_text("Kiitos palautteestasi")
    assert_accessible(page, "feedback-thanks-phone")
    assert Response.objects.get().score == 4

    action = LoopAction.objects.get()
    log_in(page, live_server, account_manager)
    page.goto(f"{live_server.url}/customers/work/")
    expect(page.locator(f"a[href='{action.get_absolute_url()}']").first).to_be_visible()
    assert_accessible(page, "feedback-my-work")
