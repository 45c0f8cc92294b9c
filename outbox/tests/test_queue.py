"""email_queue: one row in the caller's transaction, one task after the commit, JSON context only, dedupe keys."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext_lazy

from outbox import tasks
from outbox.context import EmailContextError
from outbox.models import OutgoingEmail
from outbox.services import email_queue, emails_queue
from outbox.tests.factories import GREETING

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(monkeypatch):
    """The tasks published to the broker, as (args, options)."""
    calls = []
    monkeypatch.setattr(tasks.send_email_task, "apply_async", lambda args, **options: calls.append((args, options)))
    return calls


def _queue(**overrides) -> OutgoingEmail:
    arguments = {"to": "anna@example.fi", "template": GREETING, "context": {"name": "Anna"}, "language": "fi"}
    return email_queue(**{**arguments, **overrides})


def test_queueing_writes_a_due_row_and_publishes_its_task_after_the_commit(
    published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        email = _queue(headers={"List-Unsubscribe": "<https://kumppani.example/u/1>"})
        assert published == []  # nothing reaches the broker before the commit
    assert len(callbacks) == 1
    assert [args for args, _options in published] == [(email.pk,)]
    # One attempt only: a broker that is down must not hold the committing request.
    assert published[0][1]["retry"] is False
    row = OutgoingEmail.objects.get()
    assert (row.to, row.template, row.context, row.language) == ("anna@example.fi", GREETING, {"name": "Anna"}, "fi")
    assert row.headers == {"List-Unsubscribe": "<https://kumppani.example/u/1>"}
    assert (row.state, row.attempts, row.last_error, row.sent_at) == ("queued", 0, "", None)
    assert row.next_attempt_at <= row.created_at + datetime.timedelta(seconds=1)


def test_a_rolled_back_transaction_queues_no_mail(published, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            _queue()
            raise RuntimeError("the change that caused the mail failed")
    assert callbacks == []
    assert published == []
    assert not OutgoingEmail.objects.exists()


def test_the_arguments_are_keyword_only():
    with pytest.raises(TypeError):
        email_queue("anna@example.fi", GREETING, {}, "fi")  # type: ignore[misc]


# Not "context": that name is pytest-playwright's browser-context fixture, and shadowing it would pull the
# browser's session-scoped parameter into these tests and reorder the whole run around it.
@pytest.mark.parametrize(
    "bad_context, where",
    [
        ({"when": datetime.date(2026, 4, 2)}, "context['when'] is a date"),
        ({"total": Decimal("10.00")}, "context['total'] is a Decimal"),
        ({"pair": (1, 2)}, "context['pair'] is a tuple"),
        ({"ids": {1, 2}}, "context['ids'] is a set"),
        ({"label": gettext_lazy("Customer")}, "context['label'] is a __proxy__"),
        ({"rows": [{"when": datetime.datetime(2026, 4, 2, 8, 0)}]}, "context['rows'][0]['when'] is a datetime"),
        ({1: "one"}, "context has the key 1"),
        ({"ratio": float("nan")}, "context['ratio'] is nan"),
    ],
)
def test_a_context_that_is_not_json_is_refused_with_where_it_is(bad_context, where, published):
    with pytest.raises(EmailContextError) as refused:
        _queue(context=bad_context)
    assert where in str(refused.value)
    assert not OutgoingEmail.objects.exists()


def test_a_model_instance_in_the_context_is_refused_with_a_hint_to_store_its_id():
    row = OutgoingEmail.objects.create(to="a@example.fi", language="fi", template=GREETING)
    with pytest.raises(EmailContextError, match=r"context\['email'\] is a OutgoingEmail: .* store an id"):
        _queue(context={"email": row})


@pytest.mark.parametrize(
    "headers",
    [{"X-Count": 3}, {"X-Evil": "a\r\nBcc: everyone@example.fi"}, {"Message-ID": "<mine@example.fi>"}],
)
def test_headers_must_be_single_line_strings_and_not_the_message_id(headers):
    with pytest.raises(EmailContextError):
        _queue(headers=headers)


@pytest.mark.parametrize(
    "field, value", [("language", "de"), ("to", "not an address"), ("template", ""), ("language", "")]
)
def test_an_unknown_language_a_bad_address_or_no_template_is_refused(field, value):
    with pytest.raises(ValidationError) as refused:
        _queue(**{field: value})
    assert field in refused.value.message_dict
    assert not OutgoingEmail.objects.exists()


def test_a_dedupe_key_queues_the_mail_for_something_exactly_once(published, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = _queue(dedupe_key="care_reminder:7")
        again = _queue(dedupe_key="care_reminder:7", context={"name": "Someone else"})
    assert again.pk == first.pk
    assert OutgoingEmail.objects.get().context == {"name": "Anna"}
    assert len(callbacks) == 1 and len(published) == 1
    # Once sent, the key still answers with the same row: the mail is never queued again.
    OutgoingEmail.objects.filter(pk=first.pk).update(state=OutgoingEmail.State.SENT)
    assert _queue(dedupe_key="care_reminder:7").pk == first.pk
    assert _queue(dedupe_key="care_reminder:8").pk != first.pk
    assert OutgoingEmail.objects.count() == 2


def test_rows_without_a_dedupe_key_are_all_kept():
    _queue()
    _queue()
    assert OutgoingEmail.objects.filter(dedupe_key__isnull=True).count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_queuers_of_one_dedupe_key_write_one_row(published):
    start = threading.Barrier(2)
    pks, errors = [], []

    def queue_it() -> None:
        try:
            with transaction.atomic():
                start.wait(timeout=10)
                pks.append(_queue(dedupe_key="care_digest:1:1").pk)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=queue_it) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert len(pks) == 2 and len(set(pks)) == 1
    assert OutgoingEmail.objects.count() == 1


@pytest.fixture
def published_batches(monkeypatch):
    calls = []
    monkeypatch.setattr(tasks.send_emails_task, "apply_async", lambda args, **options: calls.append(args))
    return calls


def test_many_mails_are_queued_in_bulk_and_published_a_batch_per_task(
    published_batches, django_capture_on_commit_callbacks, django_assert_max_num_queries, settings
):
    settings.OUTBOX_BATCH_SIZE = 2
    earlier = _queue(dedupe_key="greeting:0")
    mails = [
        {
            "to": f"p{n}@example.fi",
            "template": GREETING,
            "context": {"name": f"P{n}"},
            "language": "sv",
            "dedupe_key": f"greeting:{n}",
        }
        for n in range(4)
    ] + [{"to": "plain@example.fi", "template": GREETING, "context": {"name": "Plain"}, "language": "fi"}]
    with django_capture_on_commit_callbacks(execute=True):
        with django_assert_max_num_queries(4):  # a savepoint's worth, the inserts and the read-back of keys
            ids = emails_queue(mails)
        assert published_batches == []
    assert len(ids) == 5 and earlier.pk in ids
    assert OutgoingEmail.objects.count() == 5  # the key queued before is not queued again
    assert OutgoingEmail.objects.get(pk=earlier.pk).language == "fi"
    assert [len(batch) for (batch,) in published_batches] == [2, 2, 1]
    assert sorted(pk for (batch,) in published_batches for pk in batch) == sorted(ids)


def test_bulk_queueing_checks_every_mail_as_queueing_one_does():
    with pytest.raises(EmailContextError):
        emails_queue(
            [{"to": "a@example.fi", "template": GREETING, "context": {"when": datetime.date.today()}, "language": "fi"}]
        )
    with pytest.raises(ValidationError):
        emails_queue([{"to": "not an address", "template": GREETING, "context": {}, "language": "fi"}])
    assert not OutgoingEmail.objects.exists()
