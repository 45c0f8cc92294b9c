"""What happens with a customer: interactions, and the merged timeline every app writes to."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.messages import RenderedMessage
from kumppani.web.dates import INTERACTION_YEARS_AHEAD, date_in_range_validators


class Interaction(models.Model):
    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        CALL = "call", _("Call")
        WORKPLACE_VISIT = "workplace_visit", _("Workplace visit")
        EMAIL = "email", _("E-mail")
        EVENT = "event", _("Event")

    class Channel(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        PHONE = "phone", _("Phone")
        VIDEO = "video", _("Video call")
        EMAIL = "email", _("E-mail")
        OTHER = "other", _("Other")

    organisation = models.ForeignKey("crm.Organisation", on_delete=models.PROTECT, related_name="interactions")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.IN_PERSON)
    occurred_at = models.DateTimeField(
        _("date and time"), default=timezone.now, validators=date_in_range_validators(INTERACTION_YEARS_AHEAD)
    )
    duration_minutes = models.PositiveIntegerField(
        _("duration (minutes)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(24 * 60)]
    )
    subject = models.CharField(_("subject"), max_length=255)
    notes = models.TextField(_("notes"), blank=True)
    our_participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("our participants"), blank=True, related_name="interactions"
    )
    contacts = models.ManyToManyField(
        "crm.Contact", verbose_name=_("customer's participants"), blank=True, related_name="interactions"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        ordering = ["-occurred_at"]
        indexes = [models.Index(fields=["organisation", "-occurred_at"], name="interaction_org_time")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("crm:interaction_edit", args=[self.pk])


class TimelineEntry(RenderedMessage, models.Model):
    """One row per thing that happened to a customer, written by the service that made it happen.

    Apps above crm register their kinds (see crm.timeline) and write rows here; the organisation page
    reads one indexed page of this table instead of merging every app's tables per request. What happened is
    a message code with parameters (accounts.messages), rendered in the reader's language; `detail` is what a
    person typed (notes, reasons), shown as typed.
    """

    message_fields = ("message_code", "message_params", "summary")

    organisation = models.ForeignKey("crm.Organisation", on_delete=models.PROTECT, related_name="timeline")
    occurred_at = models.DateTimeField(_("when"), db_index=False)
    kind = models.CharField(_("kind"), max_length=40)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    message_code = models.CharField(_("message"), max_length=60, blank=True, default="")
    message_params = models.JSONField(_("message parameters"), default=dict, blank=True)
    # The text of rows written before message codes; `manage.py messages_to_codes` converts what it can.
    summary = models.CharField(_("summary"), max_length=300, blank=True, default="")
    detail = models.TextField(_("detail"), blank=True)
    url = models.CharField(max_length=300, blank=True)
    # Money and contact details never go in summary/detail: teachers may later see some kinds.
    source_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "-occurred_at", "-id"], name="timeline_org_time"),
            models.Index(fields=["source_type", "source_id"], name="timeline_source"),
        ]

    def __str__(self) -> str:
        return self.rendered
