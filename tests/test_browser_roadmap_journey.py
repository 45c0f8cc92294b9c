"""Management's dashboard end to end: the charts render, a number drills down to its customers, a goal's state
changes with a progress note, and the page prints to PDF on A4."""

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD
from care_plans.models import CarePlan
from care_plans.tests.factories import CarePlanFactory
from crm.tests.factories import OrganisationFactory
from roadmap.loader import load_gradia_roadmap
from roadmap.models import Goal, ProgressUpdate
from tests.browser import ARTIFACTS, assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def log_in(page, live_server, user) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=username]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_management_reads_the_dashboard_drills_down_updates_a_goal_and_prints(page, live_server, management):
    load_gradia_roadmap()
    covered = OrganisationFactory(name="Katettu Konepaja Oy", segment="key")
    CarePlanFactory(organisation=covered, status=CarePlan.Status.ACTIVE)
    OrganisationFactory(name="Kattamaton Kauppa Oy", segment="strategic")
    page.set_viewport_size({"width": 1280, "height": 900})

    log_in(page, live_server, management)  # management lands on the dashboard
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.url.endswith("/roadmap/")
    page.wait_for_function("() => document.querySelectorAll('canvas[data-drawn]').length >= 5")
    assert_accessible(page, "roadmap-dashboard")

    # A number drills down to exactly the customers behind it
    page.locator("a[href^='/roadmap/live/plan_coverage/with/']").first.click()
    expect(page.get_by_role("link", name="Katettu Konepaja Oy")).to_be_visible()
    expect(page.get_by_text("Kattamaton Kauppa Oy")).to_have_count(0)
    assert_accessible(page, "roadmap-drill-down")

    # A goal's state changes with a progress note
    goal = Goal.objects.get(theme__order=3, year=2020, order=1)
    page.goto(f"{live_server.url}{goal.get_absolute_url()}")
    assert_accessible(page, "roadmap-goal")
    page.locator("select[name=state]").select_option("at_risk")
    page.locator("textarea[name=note]").fill("Prosessikuvaukset viivästyvät resurssipulan vuoksi.")
    page.locator("form[action$='/progress/'] button[type=submit]").click()
    expect(page.locator("#goal-state .kp-state-at_risk")).to_be_visible()
    assert ProgressUpdate.objects.get(goal=goal).author == management

    # Back on the dashboard the goal is listed at risk first; the page prints on A4
    page.goto(f"{live_server.url}/roadmap/")
    expect(page.locator(".alert-warning a").first).to_be_visible()
    page.wait_for_function("() => document.querySelectorAll('canvas[data-drawn]').length >= 5")
    page.screenshot(path=str(ARTIFACTS / "roadmap-dashboard-after.png"), full_page=True)
    page.emulate_media(media="print")
    assert page.locator("header").is_hidden()
    page.screenshot(path=str(ARTIFACTS / "roadmap-dashboard-print.png"), full_page=True)
    pdf = page.pdf(format="A4", print_background=True)
    (ARTIFACTS / "roadmap-dashboard.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
