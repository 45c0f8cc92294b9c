"""Logging in with an e-mail address, throttling failed tries (django-axes), password change and reset, logout."""

import datetime
import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from accounts.forms import LoginForm
from accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("accounts:login")
ADMIN_LOGIN_URL = reverse("admin:login")
WRONG = "not-the-password"


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _log_in(client, email: str, password: str):
    return client.post(LOGIN_URL, {"username": email, "password": password})


def _logged_in_as(client, user) -> bool:
    return client.session.get(SESSION_KEY) == str(user.pk)


def _failures(email: str) -> int:
    return sum(AccessAttempt.objects.filter(username=email).values_list("failures_since_start", flat=True))


def _throttled_message(settings) -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return str(LoginForm.error_messages["throttled"]) % {"minutes": minutes}


def _refused_as_throttled(response, settings) -> bool:
    return response.status_code == 429 and _throttled_message(settings) in response.content.decode()


def test_login_with_email_works_and_goes_home(client, account_manager):
    response = _log_in(client, "am@example.fi", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert _logged_in_as(client, account_manager)


def test_login_email_is_case_insensitive(client, account_manager):
    response = _log_in(client, "AM@Example.FI", PASSWORD)
    assert response.status_code == 302
    assert _logged_in_as(client, account_manager)


def test_wrong_password_shows_the_error_with_the_form(client, account_manager):
    response = _log_in(client, "am@example.fi", WRONG)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.non_field_errors() == [str(form.error_messages["invalid_login"])]
    assert str(form.error_messages["invalid_login"]) in response.content.decode()
    assert not _logged_in_as(client, account_manager)
    assert _failures("am@example.fi") == 1


def test_failed_logins_are_recorded_in_lower_case(client, account_manager):
    _log_in(client, "AM@EXAMPLE.FI", WRONG)
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["am@example.fi"]


def test_throttled_after_the_limit_even_with_the_right_password(client, account_manager, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _attempt in range(3):
        assert _log_in(client, "am@example.fi", WRONG).status_code in (200, 429)

    response = _log_in(client, "am@example.fi", PASSWORD)

    # Refused as "too many requests", on the login page with the reason and the form to try again later.
    assert response.status_code == 429
    assert _throttled_message(settings) in response.content.decode()
    assert "form" in response.context
    assert not _logged_in_as(client, account_manager)


def test_throttle_counts_the_address_whatever_its_case(client, account_manager, settings):
    settings.AXES_FAILURE_LIMIT = 2
    _log_in(client, "am@example.fi", WRONG)
    _log_in(client, "AM@example.fi", WRONG)
    response = _log_in(client, "Am@Example.fi", PASSWORD)
    assert not _logged_in_as(client, account_manager)
    assert _refused_as_throttled(response, settings)


def test_throttle_of_one_address_leaves_other_users_alone(client, account_manager, management, settings):
    settings.AXES_FAILURE_LIMIT = 2
    _log_in(client, "am@example.fi", WRONG)
    _log_in(client, "am@example.fi", WRONG)
    _log_in(client, "boss@example.fi", PASSWORD)
    assert _logged_in_as(client, management)


def test_one_address_trying_many_accounts_is_throttled(client, account_manager, settings):
    settings.AXES_FAILURE_LIMIT = 2  # an address gets four times as many tries: 8
    for i in range(8):
        _log_in(client, f"guess{i}@example.fi", WRONG)

    response = _log_in(client, "am@example.fi", PASSWORD)

    assert not _logged_in_as(client, account_manager)
    assert _refused_as_throttled(response, settings)


def test_a_forged_forwarded_for_header_does_not_escape_the_address_throttle(client, account_manager, settings):
    # The proxy appends the address it saw; whatever comes before it is the client's own say-so.
    settings.TRUSTED_PROXY_COUNT = 1
    settings.AXES_FAILURE_LIMIT = 2
    for i in range(8):
        client.post(
            LOGIN_URL,
            {"username": f"guess{i}@example.fi", "password": WRONG},
            headers={"X-Forwarded-For": f"10.0.0.{i}, 203.0.113.7"},
        )

    client.post(
        LOGIN_URL,
        {"username": "am@example.fi", "password": PASSWORD},
        headers={"X-Forwarded-For": "10.0.0.99, 203.0.113.7"},
    )

    assert not _logged_in_as(client, account_manager)


def test_a_forwarded_for_header_is_ignored_when_no_proxy_is_trusted(client, account_manager, settings):
    # TRUSTED_PROXY_COUNT = 0: every request comes from REMOTE_ADDR, whatever the header says.
    settings.TRUSTED_PROXY_COUNT = 0
    settings.AXES_FAILURE_LIMIT = 2
    for i in range(8):
        client.post(
            LOGIN_URL,
            {"username": f"guess{i}@example.fi", "password": WRONG},
            headers={"X-Forwarded-For": f"198.51.100.{i}"},
        )

    response = client.post(
        LOGIN_URL, {"username": "am@example.fi", "password": PASSWORD}, headers={"X-Forwarded-For": "198.51.100.99"}
    )

    assert not _logged_in_as(client, account_manager)
    assert _refused_as_throttled(response, settings)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}


def test_the_admin_login_is_throttled_too(client, admin):
    # The default limit: ten wrong passwords, then the right one, is refused.
    for _attempt in range(10):
        client.post(ADMIN_LOGIN_URL, {"username": "admin@example.fi", "password": WRONG, "next": "/admin/"})

    response = client.post(ADMIN_LOGIN_URL, {"username": "admin@example.fi", "password": PASSWORD, "next": "/admin/"})

    assert response.status_code == 429
    assert not _logged_in_as(client, admin)
    assert client.get(reverse("admin:index")).status_code == 302


def test_failures_at_the_admin_and_the_app_login_add_up(client, account_manager, settings):
    settings.AXES_FAILURE_LIMIT = 4
    for _attempt in range(2):
        client.post(ADMIN_LOGIN_URL, {"username": "am@example.fi", "password": WRONG})
        _log_in(client, "am@example.fi", WRONG)

    assert _refused_as_throttled(_log_in(client, "am@example.fi", PASSWORD), settings)


def test_the_lockout_page_is_in_the_users_language(client, account_manager, settings):
    settings.AXES_FAILURE_LIMIT = 1
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    _log_in(client, "am@example.fi", WRONG)
    html = _log_in(client, "am@example.fi", PASSWORD).content.decode()
    assert 'lang="sv"' in html
    assert "Too many failed attempts" not in html


def test_throttle_lifts_when_the_window_passes(client, account_manager, settings):
    settings.AXES_FAILURE_LIMIT = 3
    window = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    start = timezone.now()
    with freeze_time(start) as frozen:
        for _attempt in range(3):
            _log_in(client, "am@example.fi", WRONG)
        assert not _logged_in_as(client, account_manager)

        frozen.tick(datetime.timedelta(minutes=window - 1))
        _log_in(client, "am@example.fi", PASSWORD)
        assert not _logged_in_as(client, account_manager)

        frozen.tick(datetime.timedelta(minutes=1, seconds=1))
        response = _log_in(client, "am@example.fi", PASSWORD)

    assert response.status_code == 302
    assert _logged_in_as(client, account_manager)


def test_successful_login_clears_the_failures(client, account_manager, settings):
    settings.AXES_FAILURE_LIMIT = 3
    _log_in(client, "am@example.fi", WRONG)
    _log_in(client, "am@example.fi", WRONG)
    assert _failures("am@example.fi") == 2

    _log_in(client, "am@example.fi", PASSWORD)

    assert _logged_in_as(client, account_manager)
    assert _failures("am@example.fi") == 0
    # Two more mistakes do not lock the user out: the count started again.
    client.logout()
    _log_in(client, "am@example.fi", WRONG)
    _log_in(client, "am@example.fi", WRONG)
    _log_in(client, "am@example.fi", PASSWORD)
    assert _logged_in_as(client, account_manager)


def test_password_change_works_and_keeps_the_user_logged_in(client, account_manager):
    client.force_login(account_manager)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "Uusi-salasana-2026", "new_password2": "Uusi-salasana-2026"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_change_done")
    account_manager.refresh_from_db()
    assert account_manager.check_password("Uusi-salasana-2026")
    assert client.get(reverse("crm:my_customers")).status_code == 200


def test_password_change_with_the_wrong_old_password_is_refused(client, account_manager):
    client.force_login(account_manager)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": WRONG, "new_password1": "Uusi-salasana-2026", "new_password2": "Uusi-salasana-2026"},
    )
    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors
    account_manager.refresh_from_db()
    assert account_manager.check_password(PASSWORD)


def test_password_reset_mails_a_link_that_sets_a_new_password(
    client, account_manager, mailoutbox, eager_celery, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": "AM@example.fi"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["am@example.fi"]
    assert "\n" not in message.subject
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/[^/\s]+/[^/\s]+/)", message.body)
    assert link, message.body

    # The link swaps the token into the session and redirects to the form.
    response = client.get(link.group(1), follow=True)
    assert response.status_code == 200
    assert response.context["validlink"] is True
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "Uusi-salasana-2026", "new_password2": "Uusi-salasana-2026"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_complete")

    account_manager.refresh_from_db()
    assert account_manager.check_password("Uusi-salasana-2026")
    assert _log_in(client, "am@example.fi", "Uusi-salasana-2026").status_code == 302
    # The link works once.
    assert client.get(link.group(1), follow=True).context["validlink"] is False


def test_password_reset_for_an_unknown_address_sends_nothing_but_looks_the_same(
    client, mailoutbox, eager_celery, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.fi"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mailoutbox == []


def test_logout_needs_post(client, account_manager):
    client.force_login(account_manager)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert _logged_in_as(client, account_manager)

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert response["Location"] == LOGIN_URL
    assert SESSION_KEY not in client.session
