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
import smtplib
import time
from collections.abc import Mapping
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation

from kumppani.publish import publish
from outbox.context import EmailContextError, render_mail, rendering_batch, validate_json
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


def emails_queue(emails: list[Mapping[str, Any]]) -> list[int]:
    """Queue many e-mails (each the keyword arguments of `email_queue`) in the current transaction, in bulk.

    One INSERT per thousand rows instead of one per mail, and after the commit one send task per
    OUTBOX_BATCH_SIZE rows, each sending its rows over one SMTP connection. Keys already queued are skipped as
    `email_queue` skips them. Returns the ids of the rows for these mails, new and already queued.
    """
    keyed: list[OutgoingEmail] = []
    plain: list[OutgoingEmail] = []
    for fields in emails:
        fields = dict(fields)
        context, headers = dict(fields.pop("context")), dict(fields.pop("headers", None) or {})
        validate_json(context)
        _validate_headers(headers)
        email = OutgoingEmail(context=context, headers=headers, **fields)
        email.full_clean(validate_unique=False)
        (keyed if email.dedupe_key is not None else plain).append(email)
    ids = [email.pk for email in OutgoingEmail.objects.bulk_create(plain, batch_size=1000)]
    if keyed:
        OutgoingEmail.objects.bulk_create(keyed, batch_size=1000, ignore_conflicts=True)
        keys = [email.dedupe_key for email in keyed]
        for start in range(0, len(keys), 5000):
            ids += OutgoingEmail.objects.filter(dedupe_key__in=keys[start : start + 5000]).values_list("pk", flat=True)
    ids.sort()
    size = settings.OUTBOX_BATCH_SIZE
    for start in range(0, len(ids), size):
        transaction.on_commit(partial(_publish_batch, ids[start : start + size]))
    return ids


def _publish_batch(email_ids: list[int]) -> None:
    from outbox.tasks import send_emails_task

    if not publish(send_emails_task, email_ids):
        logger.warning("Outbox: %s e-mails not published to the broker; the sweep sends them", len(email_ids))


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
    return emails_send([email_id]) == 1


def emails_send(email_ids: list[int]) -> int:
    """Claim those of these rows that are queued and due, and send them over one SMTP connection.

    Returns how many this call sent. Each row is marked sent as soon as the server has accepted it, so a worker
    killed mid-batch leaves only claims (the sweep re-queues them), never an accepted mail marked unsent but the
    one it was sending.
    """
    return _send_claimed(_claim(email_ids))[0]


def _claim(email_ids) -> list[int]:
    """Queued and due → sending, in one short transaction; rows another worker holds are skipped, not waited for."""
    now = timezone.now()
    with transaction.atomic():
        ids = list(
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(pk__in=list(email_ids), state=State.QUEUED, next_attempt_at__lte=now)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        OutgoingEmail.objects.filter(pk__in=ids).update(state=State.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    return ids


def _send_claimed(ids: list[int]) -> tuple[int, bool]:
    """Render and send claimed rows on one connection. Returns (sent, whether no connection could be opened)."""
    if not ids:
        return 0, False
    ready: list[tuple[OutgoingEmail, EmailMessage]] = []
    emails = list(OutgoingEmail.objects.filter(pk__in=ids).order_by("pk"))
    # The providers' rows for the whole batch, fetched once (outbox.context preload), not once a mail.
    with rendering_batch((email.template, email.context) for email in emails):
        for email in emails:
            try:
                ready.append((email, email_message(email)))
            except Exception as exc:
                logger.exception("Outbox: e-mail %s (%s) cannot be rendered", email.pk, email.template)
                _mark_failed(email, f"Rendering failed: {_describe(exc)}")
    if not ready:
        return 0, False
    sent = 0
    backend = get_connection()
    try:
        backend.open()
    except Exception as exc:
        _outage(ready, exc)
        return 0, True
    renewed = time.monotonic()
    try:
        for position, (email, message) in enumerate(ready):
            if time.monotonic() - renewed > settings.OUTBOX_STALE_CLAIM_SECONDS / 4:
                # A slow server: the rows still waiting in this batch are renewed, so that the sweep does not
                # take this live worker's claims for a dead one's.
                _renew_claims([e.pk for e, _m in ready[position:]])
                renewed = time.monotonic()
            message.connection = backend
            try:
                message.send()
            except Exception as exc:
                if is_outage(exc):
                    # The connection is gone: this mail and the rest of the batch wait for the next try.
                    _outage(ready[position:], exc)
                    return sent, False
                logger.warning("Outbox: e-mail %s refused (attempt %s): %s", email.pk, email.attempts, _describe(exc))
                _retry_later(email, _describe(exc), counts=True)
                continue
            # Not conditional on the claim: if the sweep meanwhile re-queued a slow claim, "sent" keeps it from
            # going out a second time.
            OutgoingEmail.objects.filter(pk=email.pk).update(
                state=State.SENT, sent_at=timezone.now(), subject=subject_of(message)
            )
            sent += 1
    finally:
        try:
            backend.close()
        except Exception:  # a connection that broke mid-batch may fail to say QUIT; nothing is lost by that
            logger.debug("Outbox: closing the SMTP connection failed", exc_info=True)
    return sent, False


def _renew_claims(ids: list[int]) -> None:
    OutgoingEmail.objects.filter(pk__in=ids, state=State.SENDING).update(claimed_at=timezone.now())


def is_outage(exc: BaseException) -> bool:
    """Whether an error says the mail server could not be used at all, rather than that it refused this mail.

    Refused connections, timeouts, dropped connections, greetings and logins that fail are outages (or our
    configuration): no mail is at fault, so they never use up a mail's attempts. A refused recipient, sender or
    message (SMTPRecipientsRefused, SMTPSenderRefused, SMTPDataError) and any other error are this mail's own.
    """
    if isinstance(exc, smtplib.SMTPRecipientsRefused | smtplib.SMTPSenderRefused | smtplib.SMTPDataError):
        return False
    return isinstance(exc, OSError)  # smtplib.SMTPException is an OSError; so are socket errors and timeouts


def _outage(batch: list[tuple[OutgoingEmail, EmailMessage]], exc: BaseException) -> None:
    error = _describe(exc)
    logger.warning("Outbox: mail server unavailable, %s e-mail(s) wait: %s", len(batch), error)
    for email, _message in batch:
        _retry_later(email, error, counts=False)


def subject_of(message: EmailMessage) -> str:
    return message.subject[: OutgoingEmail._meta.get_field("subject").max_length]


def retry_delay(attempts: int) -> datetime.timedelta:
    """Exponential from OUTBOX_RETRY_BASE_SECONDS after the first failure, capped at OUTBOX_RETRY_MAX_SECONDS."""
    base, cap = settings.OUTBOX_RETRY_BASE_SECONDS, settings.OUTBOX_RETRY_MAX_SECONDS
    exponent = min(max(attempts - 1, 0), 32)  # 2**32 times any base is past any cap
    return datetime.timedelta(seconds=min(cap, base * 2**exponent))


def _retry_later(email: OutgoingEmail, error: str, *, counts: bool) -> None:
    """Back to the queue with backoff. Only errors of the mail itself (`counts`) can fail it for good."""
    if counts and email.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
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


def outbox_sweep(*, batch_size: int | None = None) -> dict[str, int]:
    """Re-queue stale claims, then send every due row, a batch at a time over one SMTP connection each.

    A batch that cannot connect to the mail server ends the run: the rest waits for the next sweep rather than
    each batch waiting out its own connection timeout.
    """
    batch_size = batch_size or settings.OUTBOX_BATCH_SIZE
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
        batch_sent, unavailable = _send_claimed(_claim(batch))
        sent += batch_sent
        if unavailable:
            break
        after = batch[-1]
    return {"requeued": requeued, "failed": failed, "sent": sent}
