"""The outbox: every e-mail of the system is queued here as a row and sent by id.

Queueing (`email_queue`) writes a row in the caller's transaction, so a mail exists exactly when the change
that caused it was committed. After the commit one Celery task is published for it: once, without retries,
and a broker error is logged, not raised, so a request never waits for or fails on the broker.

Sending (`email_send`) first claims the row with a conditional UPDATE (queued and due → sending) that must hit
exactly one row; a redelivered or duplicate task, or a second sweep, finds nothing to claim and sends nothing.
It then renders the mail in the row's language, sends it through Django's mail backend and marks it sent. A
backend error (refused, timed out, anything) puts the row back in the queue with an exponential, capped
backoff; after OUTBOX_MAX_ATTEMPTS it is failed. A rendering error (a missing template, a provider whose row is
gone) fails it at once: retrying would not help. Failed rows stay, visible in the admin, which can queue them
again. No row is ever deleted.

The sweep (`outbox_sweep`, every minute from beat) sends whatever is due: rows whose task never reached a
worker (the broker was down), retries whose time has come, and claims older than OUTBOX_STALE_CLAIM_SECONDS,
which it first puts back in the queue (a worker was killed between its claim and its send).

The guarantee: a killed worker, an SMTP outage, a broker that is down and a beat that runs twice lose no mail
and send none twice. One window can repeat a mail: after the SMTP server has accepted it and before our
"sent" is committed (the worker dies, the database connection drops). The claim then goes stale and the
sweep sends the mail again. Every attempt at a row carries the same Message-ID, so such a repeat is
recognisable (and mail clients and servers that deduplicate on Message-ID drop it).
"""

import datetime
import logging
from collections.abc import Mapping
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation

from kumppani.publish import publish
from outbox.context import EmailContextError, render_mail, validate_json
from outbox.models import OutgoingEmail

logger = logging.getLogger(__name__)
State = OutgoingEmail.State


# --- queueing -------------------------------------------------------------------------------------


def email_queue(
    *,
    to: str,
    template: str,
    context: Mapping[str, Any],
    language: str,
    headers: Mapping[str, str] | None = None,
    dedupe_key: str | None = None,
) -> OutgoingEmail:
    """Queue one e-mail in the current transaction; its task is published after the commit.

    `context` holds JSON values only (ids, not objects): anything else raises EmailContextError. With a
    `dedupe_key` that is already queued, the existing row is returned and nothing more is queued.
    """
    context = dict(context)
    headers = dict(headers or {})
    validate_json(context)
    _validate_headers(headers)
    if dedupe_key is not None:
        existing = OutgoingEmail.objects.filter(dedupe_key=dedupe_key).first()
        if existing is not None:
            return existing
    email = OutgoingEmail(
        to=to,
        template=template,
        context=context,
        language=language,
        headers=headers,
        dedupe_key=dedupe_key,
    )
    # The unique dedupe_key is left to the database: a concurrent twin waits for ours and then conflicts.
    email.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            email.save()
    except IntegrityError:
        if dedupe_key is None:
            raise
        return OutgoingEmail.objects.get(dedupe_key=dedupe_key)
    transaction.on_commit(partial(_publish, email.pk))
    return email


def _validate_headers(headers: dict[str, Any]) -> None:
    for name, value in headers.items():
        if not isinstance(name, str) or not isinstance(value, str):
            raise EmailContextError(f"header {name!r}: names and values are strings")
        if "\n" in name + value or "\r" in name + value:
            raise EmailContextError(f"header {name!r}: no line breaks in a header")
        if name.lower() == "message-id":
            raise EmailContextError("the outbox sets the Message-ID itself")


def _publish(email_id: int) -> None:
    """One attempt at the broker, with short timeouts; on any error the row waits for the sweep."""
    from outbox.tasks import send_email_task

    if not publish(send_email_task, email_id):
        logger.warning("Outbox: e-mail %s not published to the broker; the sweep sends it", email_id)


def emails_requeue(*, emails: QuerySet[OutgoingEmail]) -> int:
    """Queue failed or queued rows again, due now and with a fresh count of attempts. Sent rows are left alone."""
    ids = list(emails.filter(state__in=[State.FAILED, State.QUEUED]).values_list("pk", flat=True))
    count = OutgoingEmail.objects.filter(pk__in=ids, state__in=[State.FAILED, State.QUEUED]).update(
        state=State.QUEUED, next_attempt_at=timezone.now(), attempts=0, claimed_at=None
    )
    for pk in ids:
        transaction.on_commit(partial(_publish, pk))
    return count


# --- rendering and sending ------------------------------------------------------------------------


def email_message(email: OutgoingEmail) -> EmailMessage:
    """The mail as it goes out now: rendered from the stored context in the row's language.

    Headers are the row's stored ones plus those the provider made at render time (never stored: they may hold
    a token), checked by the same rules as stored headers.
    """
    with translation.override(email.language):
        rendered = render_mail(email.template, email.context)
        subject = " ".join(render_to_string(f"{email.template}_subject.txt", rendered.context).split())
        body = render_to_string(f"{email.template}.txt", rendered.context)
    headers = {**email.headers, **rendered.headers}
    _validate_headers(headers)
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        headers={**headers, "Message-ID": email.message_id},
    )


def email_send(email_id: int) -> bool:
    """Send one queued, due row, at most once per claim. Returns whether this call sent it."""
    now = timezone.now()
    claimed = OutgoingEmail.objects.filter(pk=email_id, state=State.QUEUED, next_attempt_at__lte=now).update(
        state=State.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    if claimed != 1:
        return False
    email = OutgoingEmail.objects.get(pk=email_id)
    try:
        message = email_message(email)
    except Exception as exc:
        logger.exception("Outbox: e-mail %s (%s) cannot be rendered", email.pk, email.template)
        _mark_failed(email, f"Rendering failed: {_describe(exc)}")
        return False
    try:
        message.send()
    except Exception as exc:
        logger.warning("Outbox: sending e-mail %s failed (attempt %s): %s", email.pk, email.attempts, _describe(exc))
        _retry_later(email, _describe(exc))
        return False
    # Not conditional on the claim: if the sweep meanwhile re-queued a slow claim, "sent" keeps it from going out
    # a second time.
    OutgoingEmail.objects.filter(pk=email.pk).update(
        state=State.SENT, sent_at=timezone.now(), subject=subject_of(message)
    )
    return True


def subject_of(message: EmailMessage) -> str:
    return message.subject[: OutgoingEmail._meta.get_field("subject").max_length]


def retry_delay(attempts: int) -> datetime.timedelta:
    """Exponential from OUTBOX_RETRY_BASE_SECONDS after the first failure, capped at OUTBOX_RETRY_MAX_SECONDS."""
    base, cap = settings.OUTBOX_RETRY_BASE_SECONDS, settings.OUTBOX_RETRY_MAX_SECONDS
    exponent = min(max(attempts - 1, 0), 32)  # 2**32 times any base is past any cap
    return datetime.timedelta(seconds=min(cap, base * 2**exponent))


def _retry_later(email: OutgoingEmail, error: str) -> None:
    if email.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        _mark_failed(email, error)
        return
    OutgoingEmail.objects.filter(pk=email.pk, state=State.SENDING).update(
        state=State.QUEUED, next_attempt_at=timezone.now() + retry_delay(email.attempts), last_error=error
    )


def _mark_failed(email: OutgoingEmail, error: str) -> None:
    OutgoingEmail.objects.filter(pk=email.pk, state=State.SENDING).update(state=State.FAILED, last_error=error)


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:2000]


# --- the sweep ------------------------------------------------------------------------------------

STALE_CLAIM_ERROR = "The claim expired: the worker stopped between claiming and sending"


def outbox_sweep(*, batch_size: int = 100) -> dict[str, int]:
    """Re-queue stale claims, then send every due row, batch by batch, each claimed on its own."""
    now = timezone.now()
    stale = OutgoingEmail.objects.filter(
        state=State.SENDING, claimed_at__lt=now - datetime.timedelta(seconds=settings.OUTBOX_STALE_CLAIM_SECONDS)
    )
    failed = stale.filter(attempts__gte=settings.OUTBOX_MAX_ATTEMPTS).update(
        state=State.FAILED, last_error=STALE_CLAIM_ERROR
    )
    requeued = stale.update(state=State.QUEUED, next_attempt_at=now, last_error=STALE_CLAIM_ERROR)
    sent = 0
    after = 0
    # By primary key from where the last batch ended: a row that fails again is not retried in the same run.
    while True:
        batch = list(
            OutgoingEmail.objects.filter(state=State.QUEUED, next_attempt_at__lte=now, pk__gt=after)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        if not batch:
            break
        for pk in batch:
            sent += email_send(pk)
        after = batch[-1]
    return {"requeued": requeued, "failed": failed, "sent": sent}
