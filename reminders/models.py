"""Reminder rows (one per item, stage and recipient) and each person's reminder preferences."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Reminder(models.Model):
    """One reminder of one item at one stage to one person. The unique constraint makes it exactly once.

    The item is any row a registered source names (a follow-up, a plan action, a lead, …); see reminders.registry.
    """

    class Stage(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        DUE_TODAY = "due_today", _("Due today")
        OVERDUE = "overdue", _("Overdue")
        ESCALATED = "escalated", _("Escalated to the unit's head")

    item_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    item_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("item_type", "item_id")
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders")
    due_date = models.DateField(_("due date"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # Set in the transaction that claims the row: in-app notice written, e-mail queued or left for the digest.
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    in_digest = models.BooleanField(default=False)  # waiting for the recipient's daily digest
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["item_type", "item_id", "stage", "recipient"], name="one_reminder_per_item_stage_recipient"
            )
        ]
        indexes = [
            models.Index(fields=["created_at"], condition=Q(sent_at__isnull=True), name="reminder_unsent"),
            models.Index(fields=["recipient"], condition=Q(in_digest=True), name="reminder_digest_pending"),
            models.Index(fields=["recipient", "-created_at"], name="reminder_recipient_time"),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.item_type.model} {self.item_id} → {self.recipient}"


class ReminderPreference(models.Model):
    """A person's notification settings for reminders of every kind."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference")
    email = models.BooleanField(_("send reminders by e-mail"), default=True)
    in_app = models.BooleanField(_("show reminders in the notification centre"), default=True)
    daily_digest = models.BooleanField(
        _("one daily digest instead of separate e-mails"),
        default=False,
        help_text=_("Reminders are collected into one e-mail each morning."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reminder preference")
        verbose_name_plural = _("reminder preferences")

    def __str__(self) -> str:
        return str(self.user)
