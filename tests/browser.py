"""Helpers for headless-Chromium journeys: log in as a user, check a page with axe-core, screenshot it."""

from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

from accounts.tests.factories import PASSWORD

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
_axe = Axe()


def log_in(page, live_server, user) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Sähköpostiosoite").fill(user.email)
    page.get_by_label("Salasana").fill(PASSWORD)
    page.get_by_role("button", name="Kirjaudu sisään").click()


def assert_accessible(page, name: str) -> None:
    """Serious and critical axe-core violations fail the test; a screenshot is kept for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    # Colours are checked as they end up, not half-way through a button's 0.15 s transition (a busy machine
    # otherwise catches a label mid-fade and reports a contrast it never settles at).
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    violations = _axe.run(page).response["violations"]
    serious = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], f"{name}: {serious}"
