"""The outbox in the admin: a read-only record with filters and search; failed mail can be sent again."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from outbox.models import OutgoingEmail
from outbox.tests.factories import OutgoingEmailFactory

pytestmark = pytest.mark.django_db
State = OutgoingEmail.State
CHANGELIST = reverse("admin:outbox_outgoingemail_changelist")


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


def _listed(response) -> list[OutgoingEmail]:
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def test_the_list_shows_each_mail_and_filters_by_state_and_template(admin_client):
    failed = OutgoingEmailFactory(
        to="anna@example.fi", state=State.FAILED, attempts=50, last_error="SMTPServerDisconnected: closed"
    )
    sent = OutgoingEmailFactory(
        to="olli@example.fi", template="emails/leads/assigned", state=State.SENT, sent_at=timezone.now()
    )
    response = admin_client.get(CHANGELIST, HTTP_ACCEPT_LANGUAGE="en")
    assert _listed(response) == [sent, failed]  # newest first
    content = response.content.decode()
    for text in ["anna@example.fi", "emails/leads/assigned", "SMTPServerDisconnected: closed", "Failed", "Sent"]:
        assert text in content
    assert _listed(admin_client.get(CHANGELIST, {"state__exact": "failed"})) == [failed]
    assert _listed(admin_client.get(CHANGELIST, {"template": "emails/leads/assigned"})) == [sent]


def test_search_finds_a_recipient_by_the_start_of_the_address_in_any_case(admin_client):
    anna = OutgoingEmailFactory(to="anna.asiakas@example.fi")
    olli = OutgoingEmailFactory(to="olli@example.fi")
    assert _listed(admin_client.get(CHANGELIST, {"q": "ANNA.as"})) == [anna]
    assert _listed(admin_client.get(CHANGELIST, {"q": "olli@example.fi"})) == [olli]
    # A prefix, not a substring: the pattern index serves it, where "%x%" would read every row.
    assert _listed(admin_client.get(CHANGELIST, {"q": "asiakas"})) == []


def test_rows_cannot_be_added_edited_or_deleted(admin_client):
    email = OutgoingEmailFactory()
    assert admin_client.get(reverse("admin:outbox_outgoingemail_add")).status_code == 403
    assert admin_client.get(reverse("admin:outbox_outgoingemail_delete", args=[email.pk])).status_code == 403
    change = reverse("admin:outbox_outgoingemail_change", args=[email.pk])
    page = admin_client.get(change)
    assert page.status_code == 200 and page.context["has_change_permission"] is False
    assert escape(email.message_id) in page.content.decode()
    assert admin_client.post(change, {"to": "someone.else@example.fi"}).status_code == 403
    assert OutgoingEmail.objects.get().to == email.to
    actions = admin_client.get(CHANGELIST).context["action_form"].fields["action"].choices
    assert [name for name, _label in actions] == ["", "send_again"]  # no "delete selected"


def test_send_again_queues_failed_mail_afresh_and_leaves_sent_mail_alone(
    admin_client, eager_celery, django_capture_on_commit_callbacks, mailoutbox
):
    failed = OutgoingEmailFactory(state=State.FAILED, attempts=50, last_error="SMTPServerDisconnected: closed")
    sent = OutgoingEmailFactory(state=State.SENT, attempts=1, sent_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            CHANGELIST,
            {"action": "send_again", "_selected_action": [failed.pk, sent.pk]},
            follow=True,
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        "1 e-mail queued again (sent and sending ones are left as they are)."
    ]
    failed.refresh_from_db()
    assert (failed.state, failed.attempts) == (State.SENT, 1)  # a fresh count, and sent by its task
    assert OutgoingEmail.objects.get(pk=sent.pk).attempts == 1
    assert [m.message()["Message-ID"] for m in mailoutbox] == [failed.message_id]


def test_send_again_needs_the_change_permission(client, django_user_model):
    from django.contrib.auth.models import Permission

    viewer = django_user_model.objects.create_user(email="viewer@example.fi", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_outgoingemail"))
    client.force_login(viewer)
    failed = OutgoingEmailFactory(state=State.FAILED)
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    assert response.context["action_form"] is None  # no action this user may run
    client.post(CHANGELIST, {"action": "send_again", "_selected_action": [failed.pk]})
    assert OutgoingEmail.objects.get().state == State.FAILED


def test_the_list_costs_the_same_queries_for_five_rows_as_for_one(admin_client):
    OutgoingEmailFactory()
    admin_client.get(CHANGELIST)
    with CaptureQueriesContext(connection) as one:
        admin_client.get(CHANGELIST)
    for _ in range(4):
        OutgoingEmailFactory()
    with CaptureQueriesContext(connection) as five:
        admin_client.get(CHANGELIST)
    assert len(five) == len(one)
