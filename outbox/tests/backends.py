"""Mail backends for the outbox's tests."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class RefusingBackend(BaseEmailBackend):
    """An SMTP server that is there but refuses everything, as during an outage or a full disk."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class RejectingBackend(BaseEmailBackend):
    """A server that is up but rejects this message for good (5xx): the mail's own fault, not an outage."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPDataError(554, b"Message rejected")


class CountingBackend(BaseEmailBackend):
    """Django's locmem backend that also counts the connections opened, as an SMTP server would see them."""

    opened = 0

    def open(self):
        CountingBackend.opened += 1
        return True

    def send_messages(self, email_messages):
        from django.core import mail

        mail.outbox.extend(email_messages)
        return len(email_messages)


class UnreachableBackend(BaseEmailBackend):
    """No server listens: the connection cannot even be opened."""

    def open(self):
        raise ConnectionRefusedError(111, "Connection refused")

    def send_messages(self, email_messages):  # pragma: no cover - open() fails first
        raise AssertionError("sent without a connection")
