"""The password-reset mail through the outbox: the row holds the user's id, the token is made when sending."""

import re
import socket
import time

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.http import urlsafe_base64_decode

from accounts.roles import Role
from accounts.tests.factories import user_with_role
from kumppani.celery import app as celery_app
from outbox.models import OutgoingEmail
from outbox.services import email_send

pytestmark = pytest.mark.django_db
RESET = reverse("accounts:password_reset")
LINK = re.compile(r"(https?)://([^/\s]+)/accounts/password/reset/([^/\s]+)/([^/\s]+)/")


def test_the_row_holds_only_the_users_id_and_the_link_is_made_when_sent(client, account_manager, mailoutbox):
    response = client.post(RESET, {"email": account_manager.email})
    assert response.status_code == 302
    row = OutgoingEmail.objects.get()
    assert (row.to, row.template, row.context, row.headers) == (
        account_manager.email,
        "emails/password_reset",
        {"user": account_manager.pk},
        {},
    )
    assert mailoutbox == []  # nothing is rendered, and no token exists, until the mail is sent

    assert email_send(row.pk) is True
    [message] = mailoutbox
    scheme, host, uid, token = LINK.search(message.body).groups()
    assert f"{scheme}://{host}" == settings.SITE_URL.rstrip("/")  # never the host the request named
    assert int(urlsafe_base64_decode(uid)) == account_manager.pk
    assert default_token_generator.check_token(account_manager, token)
    row.refresh_from_db()
    assert token not in str(row.context) + row.subject + str(row.headers)


def test_the_mail_speaks_the_users_language(client, mailoutbox):
    swede = user_with_role(Role.ACCOUNT_MANAGER, email="sven@example.fi", language="sv")
    client.post(RESET, {"email": swede.email})
    row = OutgoingEmail.objects.get()
    assert row.language == "sv"
    email_send(row.pk)
    assert mailoutbox[0].subject == "Kumppani: återställ ditt lösenord"


def test_a_user_deactivated_before_the_mail_goes_out_gets_no_link(client, account_manager, mailoutbox):
    client.post(RESET, {"email": account_manager.email})
    account_manager.is_active = False
    account_manager.save(update_fields=["is_active"])
    row = OutgoingEmail.objects.get()
    assert email_send(row.pk) is False
    row.refresh_from_db()
    assert row.state == OutgoingEmail.State.FAILED
    assert "User matching query does not exist" in row.last_error
    assert mailoutbox == []


@pytest.mark.django_db(transaction=True)
def test_the_reset_request_neither_fails_nor_waits_when_the_broker_is_down(client, account_manager, monkeypatch):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        url = f"redis://127.0.0.1:{probe.getsockname()[1]}/0"
    monkeypatch.setenv("CELERY_BROKER_URL", url)
    monkeypatch.setattr(celery_app.conf, "broker_url", url)
    started = time.monotonic()
    response = client.post(RESET, {"email": account_manager.email})
    elapsed = time.monotonic() - started
    assert response.status_code == 302 and response["Location"] == reverse("accounts:password_reset_done")
    assert elapsed < 1, f"the reset request took {elapsed:.2f} s with the broker down"
    assert OutgoingEmail.objects.get().state == OutgoingEmail.State.QUEUED  # committed; the sweep sends it
