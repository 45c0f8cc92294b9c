"""Trust, as people meet it in the browser: two account managers saving one customer, a teacher sending the same
lead twice, bad input answered next to the field, agreement documents, erasure and the admin's guard rails."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext, override
from playwright.sync_api import expect

from accounts.roles import Role
from accounts.tests.factories import PASSWORD, user_with_role
from crm import services as crm_services
from crm.models import Contact, Delivery, Interaction, Organisation, PartnershipAgreement, ServiceType
from crm.tests.factories import ContactFactory, DeliveryFactory, OrganisationFactory
from leads.models import Lead
from leads.tests.factories import routes_to, unit_with_members
from tests.browser import ARTIFACTS, assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
HTML_BYTES = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


def _small_pdf() -> bytes:
    """A real one-page PDF (header, objects, cross-reference table, trailer)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def t(text: str) -> str:
    with override("fi"):
        return gettext(text)


def label(text: str) -> str:
    """A model field's form label as Finnish readers see it (verbose names are lower case)."""
    return capfirst(t(text))


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"trust-{name}.png"), full_page=True)


def new_page(browser, live_server, user, **context_args):
    context = browser.new_context(locale="fi-FI", timezone_id="Europe/Helsinki", **context_args)
    page = context.new_page()
    log_in(page, live_server, user)
    return page


def assert_error_next_to(page, field_id: str, message) -> None:
    """The message sits right under its field, inside the field's group, and the field points to it."""
    field = page.locator(f"#{field_id}")
    error = page.locator(f"#{field_id}_error, #error_1_{field_id}").first
    expect(error).to_be_visible()
    expect(error).to_contain_text(message)
    assert field.get_attribute("aria-invalid") == "true"
    assert error.get_attribute("id") in (field.get_attribute("aria-describedby") or "")
    field_box, error_box = field.bounding_box(), error.bounding_box()
    gap = error_box["y"] - (field_box["y"] + field_box["height"])
    assert 0 <= gap <= 40, f"{field_id}: the message is {gap}px from its field"


def test_two_account_managers_save_the_same_customer(browser, live_server, account_manager):
    other = user_with_role(Role.ACCOUNT_MANAGER, email="am2@example.fi", first_name="Bertta", last_name="Bergman")
    customer = OrganisationFactory(
        name="Jyväskylän Konepaja Oy", account_manager=account_manager, deputy_manager=other, description="Vanha"
    )
    edit = f"{live_server.url}/customers/{customer.pk}/edit/"
    anna = new_page(browser, live_server, account_manager)
    bertta = new_page(browser, live_server, other)
    try:
        anna.goto(edit)
        bertta.goto(edit)

        anna.locator("#id_description").fill("Annan kuvaus: tuotantolinja laajenee.")
        anna.get_by_role("button", name=t("Save")).click()
        expect(anna.get_by_role("status")).to_contain_text(t("The changes were saved."))

        bertta.locator("#id_description").fill("Bertan kuvaus: uusi toimitusjohtaja.")
        bertta.get_by_role("button", name=t("Save")).click()
        panel = bertta.get_by_role("alert").filter(has_text=t("Someone else saved this while you were editing"))
        expect(panel).to_be_visible()
        expect(panel).to_contain_text("Annan kuvaus: tuotantolinja laajenee.")
        expect(panel).to_contain_text(str(account_manager))
        expect(panel).to_contain_text(timezone.localtime().strftime("%-d.%-m.%Y"))
        expect(bertta.locator("#id_description")).to_have_value("Bertan kuvaus: uusi toimitusjohtaja.")
        expect(bertta.get_by_text(label("website"), exact=True)).to_be_visible()
        assert_accessible(bertta, "trust-conflict-panel")
        customer.refresh_from_db()
        assert customer.description == "Annan kuvaus: tuotantolinja laajenee."

        # Bertta reads Anna's text and keeps hers.
        panel.get_by_label(re.compile(t("Keep yours:"))).check()
        bertta.get_by_role("button", name=t("Save")).click()
        expect(bertta.get_by_role("status")).to_contain_text(t("The changes were saved."))
        shot(bertta, "conflict-resolved")
        customer.refresh_from_db()
        assert customer.description == "Bertan kuvaus: uusi toimitusjohtaja."
    finally:
        anna.context.close()
        bertta.context.close()


def _pass_lead(page, live_server, need: str, description: str) -> None:
    page.goto(f"{live_server.url}/leads/new/")
    page.get_by_label(t("Organisation"), exact=True).press_sequentially("konepaja", delay=20)
    page.get_by_role("button", name="Jyväskylän Konepaja Oy").click()
    page.get_by_text(t(need), exact=True).click()
    page.get_by_label(t("What did you notice?")).fill(description)


def test_a_teacher_sends_the_same_lead_twice(browser, live_server, teacher, account_manager):
    routes_to(unit_with_members("Yrityspalvelut", members=[account_manager]))
    OrganisationFactory(name="Jyväskylän Konepaja Oy", business_id="0112038-9", account_manager=account_manager)
    page = new_page(browser, live_server, teacher, viewport=PHONE)
    try:
        _pass_lead(page, live_server, "Staff training", "12 asentajaa tarvitsee koulutusta.")
        page.get_by_role("button", name=t("Pass the lead")).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(t("My leads"))
        first = Lead.objects.get()

        _pass_lead(page, live_server, "Staff training", "Asentajat tarvitsevat koulutusta.")
        page.get_by_role("button", name=t("Pass the lead")).click()
        question = page.locator("#send-anyway-question")
        clock = timezone.localtime(first.created_at).strftime("%H.%M")
        expect(question).to_contain_text(f"Vastaava vinkki lähetettiin klo {clock} – lähetetäänkö silti?")
        assert re.search(r"klo \d\d\.\d\d –", question.inner_text())
        expect(page.get_by_label(t("What did you notice?"))).to_have_value("Asentajat tarvitsevat koulutusta.")
        assert Lead.objects.count() == 1
        assert_accessible(page, "trust-lead-duplicate-question")
        page.get_by_label(t("Yes, send it anyway")).check()
        page.get_by_role("button", name=t("Pass the lead")).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(t("My leads"))
        assert Lead.objects.count() == 2
        shot(page, "lead-sent-anyway")

        # A form sent twice (a double tap, a retry on a bad connection) with its one key makes one lead.
        _pass_lead(page, live_server, "Apprenticeship", "Tarvitsevat oppisopimusopiskelijan.")
        statuses = page.evaluate(
            """async () => {
                const form = document.querySelector("main form[method=post]");
                const send = () => fetch(form.action || location.href, {method: "POST", body: new FormData(form)});
                const answers = await Promise.all([send(), send()]);
                return answers.map(answer => answer.status);
            }"""
        )
        assert statuses == [200, 200]
        page.get_by_role("button", name=t("Pass the lead")).click()
        expect(page.get_by_role("status")).to_contain_text(t("This form was already sent: it was saved once, here."))
        shot(page, "lead-double-submit")
        assert Lead.objects.count() == 3
        assert Lead.objects.filter(description="Tarvitsevat oppisopimusopiskelijan.").count() == 1
    finally:
        page.context.close()


def test_bad_input_is_answered_next_to_the_field(page, live_server, account_manager):
    customer = OrganisationFactory(name="Laukaan Puu Oy", account_manager=account_manager)
    log_in(page, live_server, account_manager)

    page.goto(f"{live_server.url}/customers/{customer.pk}/deliveries/new/")
    page.locator("#id_service_type").select_option(value=str(ServiceType.objects.get(code="staff_training").pk))
    page.locator("#id_title").fill("Esihenkilökoulutus")
    page.locator("#id_responsible").select_option(label=str(account_manager))
    page.locator("#id_start_date").fill("2026-02-01")
    page.locator("#id_end_date").fill("9999-12-31")
    page.locator("#id_status").select_option(value=Delivery.Status.DONE)
    page.get_by_role("button", name=t("Save")).click()
    assert_error_next_to(page, "id_end_date", re.compile(r"Anna päivämäärä väliltä 1\.1\.2000–.*tarkista vuosi\."))
    assert_accessible(page, "trust-delivery-year-9999")
    assert not Delivery.objects.exists()

    edit = f"{live_server.url}/customers/{customer.pk}/edit/"
    page.goto(edit)
    page.locator("#id_turnover").fill("1 234,50")
    page.get_by_role("button", name=t("Save")).click()
    expect(page.get_by_role("status")).to_contain_text(t("The changes were saved."))
    customer.refresh_from_db()
    assert customer.turnover == Decimal("1234.50")
    page.goto(edit)
    shown = page.locator("#id_turnover").input_value()
    assert shown.replace("\xa0", " ").replace("\u202f", " ") == "1 234,50"

    page.locator("#id_turnover").fill("1.234,50")
    page.get_by_role("button", name=t("Save")).click()
    assert_error_next_to(page, "id_turnover", re.compile(r"\S"))
    assert_accessible(page, "trust-turnover-refused")
    customer.refresh_from_db()
    assert customer.turnover == Decimal("1234.50")


def test_agreement_documents_are_checked_and_served_as_attachments(
    browser, page, live_server, account_manager, teacher, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    customer = OrganisationFactory(name="Jyväskylän Konepaja Oy", account_manager=account_manager)
    log_in(page, live_server, account_manager)

    page.goto(f"{live_server.url}/customers/{customer.pk}/agreements/new/")
    page.locator("#id_title").fill("Kumppanuussopimus 2026")
    page.locator("#id_start_date").fill("2026-01-01")
    page.locator("#id_document").set_input_files(
        {"name": "sopimus.pdf", "mimeType": "application/pdf", "buffer": HTML_BYTES}
    )
    page.get_by_role("button", name=t("Save")).click()
    assert_error_next_to(page, "id_document", re.compile(r"\S"))
    assert_accessible(page, "trust-agreement-html-refused")
    assert not PartnershipAgreement.objects.exists()

    pdf = _small_pdf()
    page.locator("#id_document").set_input_files({"name": "sopimus.pdf", "mimeType": "application/pdf", "buffer": pdf})
    page.get_by_role("button", name=t("Save")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jyväskylän Konepaja Oy")
    shot(page, "agreement-saved")
    link = page.get_by_role("link", name=t("document"), exact=True)
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    assert open(download.path(), "rb").read() == pdf
    document_url = link.evaluate("a => a.href")
    answer = page.request.get(document_url)
    assert answer.status == 200
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.headers["content-disposition"].startswith("attachment")
    assert answer.headers["x-content-type-options"] == "nosniff"

    teacher_page = new_page(browser, live_server, teacher)
    try:
        response = teacher_page.goto(document_url)
        assert response.status == 403
        expect(teacher_page.get_by_role("heading", level=1)).to_have_text(t("No access"))
        shot(teacher_page, "agreement-teacher-403")
    finally:
        teacher_page.context.close()


def test_an_admin_erases_a_contact_and_reviews_retention(page, live_server, admin, account_manager):
    customer = OrganisationFactory(name="Jyväskylän Konepaja Oy", account_manager=account_manager)
    maija = ContactFactory(
        organisation=customer, first_name="Maija", last_name="Mehiläinen", email="maija.mehilainen@konepaja.fi"
    )
    crm_services.interaction_save(
        interaction=Interaction(
            organisation=customer,
            kind=Interaction.Kind.MEETING,
            subject="Koulutustarpeet",
            notes="Maija Mehiläinen toivoo tarjousta; vastaa osoitteesta maija.mehilainen@konepaja.fi.",
            occurred_at=timezone.now() - datetime.timedelta(days=1),
        ),
        actor=account_manager,
        contacts=[maija],
    )
    # Someone no one has heard of in years, for the retention review.
    long_ago = timezone.now() - datetime.timedelta(days=365 * 5)
    old = ContactFactory(organisation=customer, first_name="Vilho", last_name="Vanhanen")
    Contact.objects.filter(pk=old.pk).update(created_at=long_ago)
    Contact.history.filter(id=old.pk).update(history_date=long_ago)

    log_in(page, live_server, admin)
    page.goto(f"{live_server.url}{customer.get_absolute_url()}")
    expect(page.locator("#timeline")).to_contain_text("Maija Mehiläinen toivoo")
    page.goto(f"{live_server.url}/customers/contacts/{maija.pk}/edit/")
    page.get_by_role("link", name=t("Erase the person's data…")).click()
    hits = page.locator("#erasure-hits")
    expect(hits.locator("mark", has_text="Maija Mehiläinen").first).to_be_visible()
    expect(hits.locator("mark", has_text="maija.mehilainen@konepaja.fi").first).to_be_visible()
    expect(hits).to_contain_text(t("%(name)s (earlier version)") % {"name": t("interaction")})
    expect(hits).not_to_contain_text("historical")
    assert_accessible(page, "trust-erasure-review")
    for box in hits.locator("input[type=checkbox]").all():
        box.check()
    page.get_by_role("button", name=t("Erase the person and replace the ticked places")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Jyväskylän Konepaja Oy")
    expect(page.get_by_role("status")).to_contain_text(re.compile(r"\S"))
    timeline = page.locator("#timeline")
    expect(timeline).to_contain_text("toivoo tarjousta")
    expect(page.locator("main")).not_to_contain_text("Mehiläinen")
    expect(page.locator("main")).not_to_contain_text("maija.mehilainen")
    shot(page, "erasure-done")
    assert "Mehiläinen" not in Interaction.objects.get().notes

    page.get_by_role("link", name=t("Retention review")).first.click()
    expect(page.locator("main")).to_contain_text("Vilho Vanhanen")
    assert_accessible(page, "trust-retention-review")


def test_admin_login_is_throttled_and_deliveries_cannot_be_deleted(browser, page, live_server, admin):
    DeliveryFactory.create_batch(2, organisation=OrganisationFactory(name="Laukaan Puu Oy"))

    page.goto(f"{live_server.url}/admin/login/")
    page.locator("#id_username").fill(admin.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    page.goto(f"{live_server.url}/admin/crm/delivery/")
    expect(page.locator("#result_list tbody tr")).to_have_count(2)
    actions = page.locator("select[name=action] option").evaluate_all("options => options.map(o => o.value)")
    assert "delete_selected" not in actions
    shot(page, "admin-deliveries")
    page.get_by_role("link", name=t("Deleted records")).click()
    expect(page.locator("h1")).to_contain_text(t("Deleted records").split(":")[0])
    shot(page, "admin-deliveries-deleted")

    # Someone guessing another admin's password is stopped, and then the right password is refused too.
    target = user_with_role(Role.ADMIN, email="admin2@example.fi", first_name="Pekka", last_name="Pääkäyttäjä")
    guesser = browser.new_context(locale="fi-FI", timezone_id="Europe/Helsinki")
    login = guesser.new_page()
    try:
        from django.conf import settings

        for attempt in range(settings.AXES_FAILURE_LIMIT):
            login.goto(f"{live_server.url}/admin/login/")
            login.locator("#id_username").fill(target.email)
            login.locator("#id_password").fill(f"väärin-{attempt}")
            login.locator("input[type=submit]").click()
        login.goto(f"{live_server.url}/admin/login/")
        login.locator("#id_username").fill(target.email)
        login.locator("#id_password").fill(PASSWORD)
        with login.expect_response(lambda response: response.request.method == "POST") as answer:
            login.locator("input[type=submit]").click()
        assert answer.value.status == 429
        expect(login.locator("body")).to_contain_text("Liian monta epäonnistunutta yritystä")
        shot(login, "admin-login-locked")
        assert login.context.cookies() == [] or "sessionid" not in {c["name"] for c in login.context.cookies()}
    finally:
        guesser.close()
    assert Organisation.objects.filter(name="Laukaan Puu Oy").exists()
