"""Rendering at send time: the row's language decides; providers turn stored ids into template objects."""

import pytest
from django.utils import translation

from outbox.context import Rendered, provider_for, register_context
from outbox.models import OutgoingEmail
from outbox.services import email_message, email_send, outbox_sweep
from outbox.tests.factories import OutgoingEmailFactory

pytestmark = pytest.mark.django_db
PROVIDED = "emails/outbox_test/provided"


@pytest.mark.parametrize(
    "language, subject, body",
    [
        ("fi", "fi: Asiakas Anna", "fi: Avaa, Anna."),
        ("sv", "sv: Kund Anna", "sv: Öppna, Anna."),
        ("en", "en: Customer Anna", "en: Open it, Anna."),
    ],
)
def test_the_rows_language_decides_whatever_language_is_active(language, subject, body, mailoutbox):
    email = OutgoingEmailFactory(language=language, context={"name": "Anna"})
    with translation.override("sv" if language != "sv" else "fi"):  # e.g. a worker serving someone else
        assert email_send(email.pk) is True
        active_after = translation.get_language()
    [message] = mailoutbox
    assert message.subject == subject
    assert message.body.strip() == body
    assert active_after == ("sv" if language != "sv" else "fi")  # the override does not leak


def test_a_provider_turns_the_stored_context_into_template_objects_when_the_mail_is_sent(mailoutbox):
    source = {"name": "the register"}
    seen = []

    def provider(stored: dict) -> dict:
        seen.append((stored, translation.get_language()))
        return {"greeting": f"Hello {stored['who']}", "source": source["name"], "name": stored["who"]}

    register_context(PROVIDED, provider)
    email = OutgoingEmailFactory(template=PROVIDED, context={"who": "Anna"}, language="sv")
    source["name"] = "the register as it is when sent"
    email_send(email.pk)
    [message] = mailoutbox
    assert message.body.strip() == "Hello Anna from the register as it is when sent"
    assert seen == [({"who": "Anna"}, "sv")]  # run once, at render time, in the row's language


def test_the_longest_registered_prefix_is_the_templates_provider_and_folders_match_whole():
    def folder(stored):
        return stored

    def exact(stored):
        return stored

    register_context("emails/outbox_test/", folder)
    register_context(PROVIDED, exact)
    assert provider_for(PROVIDED) is exact
    assert provider_for("emails/outbox_test/greeting") is folder
    assert provider_for("emails/outbox_test_other/greeting") is None
    assert provider_for(PROVIDED + "_extra") is folder  # "…/provided_extra" is not under "…/provided"


def test_without_a_provider_the_stored_context_is_the_template_context():
    email = OutgoingEmailFactory(context={"name": "Anna"}, language="en")
    assert email_message(email).subject == "en: Customer Anna"


def test_a_missing_template_fails_the_mail_at_once(mailoutbox):
    email = OutgoingEmailFactory(template="emails/outbox_test/nonexistent")
    assert email_send(email.pk) is False
    email.refresh_from_db()
    assert (email.state, email.attempts) == (OutgoingEmail.State.FAILED, 1)
    assert email.last_error.startswith("Rendering failed: TemplateDoesNotExist")
    assert "emails/outbox_test/nonexistent" in email.last_error
    # A retry would not help: the sweep leaves it alone.
    assert outbox_sweep()["sent"] == 0
    assert mailoutbox == []


def test_a_provider_whose_row_is_gone_fails_the_mail_at_once_with_its_error(mailoutbox):
    def provider(stored: dict) -> dict:
        raise OutgoingEmail.DoesNotExist(f"no row {stored['gone']}")

    register_context(PROVIDED, provider)
    email = OutgoingEmailFactory(template=PROVIDED, context={"gone": 41})
    assert email_send(email.pk) is False
    email.refresh_from_db()
    assert email.state == OutgoingEmail.State.FAILED
    assert email.last_error == "Rendering failed: DoesNotExist: no row 41"
    assert mailoutbox == []


def test_a_provider_may_add_headers_made_at_render_time_that_the_row_never_stores(mailoutbox):
    issued = []

    def provider(stored: dict) -> Rendered:
        issued.append(f"token-{len(issued) + 1}")  # e.g. a fresh one-time link token per send
        url = f"https://kumppani.example/l/{issued[-1]}/"
        return Rendered(
            context={"greeting": f"Hello {stored['who']}", "source": url},
            headers={"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
        )

    register_context(PROVIDED, provider)
    email = OutgoingEmailFactory(template=PROVIDED, context={"who": "Anna"}, headers={"X-Kumppani": "kept"})
    assert email_send(email.pk) is True
    [message] = mailoutbox
    assert message.extra_headers["List-Unsubscribe"] == "<https://kumppani.example/l/token-1/>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["X-Kumppani"] == "kept"
    assert message.extra_headers["Message-ID"] == email.message_id
    assert "token-1" in message.body
    email.refresh_from_db()
    assert email.headers == {"X-Kumppani": "kept"} and "token-1" not in str(email.context)


def test_render_time_headers_follow_the_rules_of_stored_ones(mailoutbox):
    def provider(stored: dict) -> Rendered:
        return Rendered(context={"greeting": "Hi", "source": "us"}, headers={"Message-ID": "<forged@example>"})

    register_context(PROVIDED, provider)
    email = OutgoingEmailFactory(template=PROVIDED, context={})
    assert email_send(email.pk) is False
    email.refresh_from_db()
    assert email.state == OutgoingEmail.State.FAILED
    assert "Message-ID" in email.last_error
    assert mailoutbox == []
