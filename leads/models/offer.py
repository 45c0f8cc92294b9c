"""Offers (tarjous): made from a lead or directly; accepting one creates the delivery.

State rules live on the model (`Offer.can_move_to`); leads.services.offers does the writing.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kumppani.web.dates import date_in_range_validators


class Offer(models.Model):
    """Tarjous: made by an account manager from a lead or directly; accepting it creates the delivery."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        EXPIRED = "expired", _("Expired")

    TRANSITIONS = {
        State.DRAFT: {State.SENT},
        State.SENT: {State.ACCEPTED, State.REJECTED, State.EXPIRED},
        State.ACCEPTED: set(),
        State.REJECTED: set(),
        State.EXPIRED: set(),
    }

    organisation = models.ForeignKey(
        "crm.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="offers"
    )
    lead = models.ForeignKey(
        "leads.Lead", verbose_name=_("lead"), null=True, blank=True, on_delete=models.SET_NULL, related_name="offers"
    )
    title = models.CharField(_("title"), max_length=255)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("responsible person"), on_delete=models.PROTECT, related_name="offers"
    )
    # The delivering unit; leads.services.offers.offer_save defaults it to the responsible person's primary unit.
    unit = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("delivering unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="offers",
        help_text=_("Left empty, the responsible person's primary unit."),
    )
    valid_until = models.DateField(_("valid until"), validators=date_in_range_validators())
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    # Sum of the lines, kept by leads.services.offers.offer_save.
    total = models.DecimalField(_("total (EUR)"), max_digits=12, decimal_places=2, default=Decimal("0.00"))
    notes = models.TextField(_("notes"), blank=True)
    delivery = models.ForeignKey(
        "crm.Delivery", verbose_name=_("delivery"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "-created_at"], name="offer_org_time"),
            # The offer list's order: without it every offer was joined and sorted for each page.
            models.Index(fields=["-created_at", "-id"], name="offer_created"),
            models.Index(fields=["responsible", "state"], name="offer_responsible_state"),
            models.Index(fields=["state", "valid_until"], name="offer_state_valid_until"),
            models.Index(fields=["unit", "state"], name="offer_unit_state"),
        ]
        constraints = [models.CheckConstraint(condition=Q(total__gte=0), name="offer_total_not_negative")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("leads:offer_detail", args=[self.pk])

    def can_move_to(self, state: str) -> bool:
        return state in self.TRANSITIONS.get(self.state, set())

    @property
    def is_editable(self) -> bool:
        return self.state == self.State.DRAFT


class OfferLine(models.Model):
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="lines")
    service_type = models.ForeignKey("crm.ServiceType", verbose_name=_("service type"), on_delete=models.PROTECT)
    description = models.CharField(_("description"), max_length=255)
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=9,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    unit_price = models.DecimalField(
        _("unit price (EUR)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("offer line")
        verbose_name_plural = _("offer lines")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="offerline_quantity_positive"),
            models.CheckConstraint(condition=Q(unit_price__gte=0), name="offerline_price_not_negative"),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def line_total(self) -> Decimal:
        return ((self.quantity or Decimal("0")) * (self.unit_price or Decimal("0"))).quantize(Decimal("0.01"))
