"""One row per e-mail: what to send to whom, and where its sending stands. Rows are never deleted."""

import uuid
from email.utils import parseaddr

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    # The languages mail is written in; the same codes as settings.LANGUAGES and User.language.
    LANGUAGES = [("fi", "suomi"), ("sv", "svenska"), ("en", "English")]

    to = models.EmailField(_("recipient"))
    language = models.CharField(_("language"), max_length=5, choices=LANGUAGES)
    # A base path: the subject is <template>_subject.txt and the body <template>.txt.
    template = models.CharField(_("template"), max_length=200)
    # Ids and plain values only; a provider registered for the template turns them into objects when sending.
    context = models.JSONField(_("context"), default=dict, blank=True)
    headers = models.JSONField(_("extra headers"), default=dict, blank=True)
    # "The mail for X": a second queueing with the same key returns the first row and queues nothing.
    dedupe_key = models.CharField(_("deduplication key"), max_length=200, null=True, blank=True, unique=True)
    # Part of the Message-ID, so that a repeat sent through the one unsafe window is recognisable.
    uuid = models.UUIDField(default=uuid.uuid4, editable=False)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    # Rendered at send time and kept for the admin; the body is not stored (it may hold a one-time link).
    subject = models.CharField(_("subject"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The sweep: due queued rows, and claims in `sending` gone stale.
            models.Index(fields=["state", "next_attempt_at"], name="outbox_state_next_attempt"),
            # The admin: newest first, and by template. Its recipient search (a prefix, UPPER(to) LIKE 'X%')
            # has a PostgreSQL-only pattern index made in migration 0002.
            models.Index(fields=["created_at"], name="outbox_created"),
            models.Index(fields=["template", "created_at"], name="outbox_template_created"),
        ]

    def __str__(self) -> str:
        return f"{self.template} → {self.to}"

    @property
    def message_id(self) -> str:
        """Stable for the row: every attempt at this mail carries the same Message-ID."""
        domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
        return f"<kumppani.outbox.{self.pk}.{self.uuid.hex}@{domain}>"
