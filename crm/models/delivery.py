"""Services delivered to a customer. Later apps hang after-care on a delivery's completion."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kumppani.web.dates import date_in_range_validators


class Delivery(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    organisation = models.ForeignKey("crm.Organisation", on_delete=models.PROTECT, related_name="deliveries")
    service_type = models.ForeignKey("crm.ServiceType", verbose_name=_("service type"), on_delete=models.PROTECT)
    title = models.CharField(_("title"), max_length=255)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        on_delete=models.PROTECT,
        related_name="responsible_deliveries",
    )
    # The delivering unit; crm.services.delivery_save defaults it to the responsible person's primary unit.
    unit = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("delivering unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deliveries",
        help_text=_("Left empty, the responsible person's primary unit."),
    )
    # The customer's contact persons for this delivery: asked for feedback when it is done.
    contacts = models.ManyToManyField(
        "crm.Contact", verbose_name=_("customer contact persons"), blank=True, related_name="deliveries"
    )
    start_date = models.DateField(_("start date"), validators=date_in_range_validators())
    end_date = models.DateField(_("end date"), null=True, blank=True, validators=date_in_range_validators())
    students = models.PositiveIntegerField(_("students"), null=True, blank=True)
    days = models.DecimalField(
        _("days"), max_digits=7, decimal_places=1, null=True, blank=True, validators=[MinValueValidator(Decimal("0"))]
    )
    value = models.DecimalField(
        _("value (EUR)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True, editable=False)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-start_date"]
        indexes = [
            models.Index(fields=["organisation", "-start_date"], name="delivery_org_start"),
            models.Index(fields=["responsible", "status"], name="delivery_responsible_status"),
            models.Index(fields=["status", "end_date"], name="delivery_status_end"),
            # The nightly after-care sweep looks for recently completed deliveries without follow-ups.
            models.Index(fields=["status", "completed_at"], name="delivery_status_completed"),
            models.Index(fields=["unit", "start_date"], name="delivery_unit_start"),
            # The segment overview's value of the last 12 months reads that range, not every delivery.
            models.Index(fields=["start_date"], name="delivery_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="delivery_end_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="delivery_value_not_negative"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("crm:delivery_edit", args=[self.pk])

    def clean(self) -> None:
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
