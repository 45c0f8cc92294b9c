"""A delivery's start: the service need assessed with the customer and the service promise (the after-care
thesis, Pirkanmaa TE office 2015: after-care begins at the service's start, not at its end)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ServiceStart(models.Model):
    """What was agreed with the customer when a delivery started; the customer's team sees it."""

    delivery = models.OneToOneField(
        "crm.Delivery", verbose_name=_("delivery"), on_delete=models.PROTECT, related_name="service_start"
    )
    need_assessment = models.TextField(
        _("service need, assessed with the customer"),
        help_text=_("What the customer needs, assessed together with the customer at the start."),
    )
    service_promise = models.TextField(
        _("service promise"),
        help_text=_(
            "The phases the customer can expect, after-care included: e.g. planning, the training, a progress "
            "check, and a personal contact soon after the end."
        ),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("service start")
        verbose_name_plural = _("service starts")

    def __str__(self) -> str:
        return str(self.delivery)

    def get_absolute_url(self) -> str:
        return reverse("care_plans:service_start", args=[self.delivery_id])


class Referral(models.Model):
    """A need the provider cannot serve, referred to another provider (a network partner), its outcome followed."""

    class Arrangement(models.TextChoices):
        WE_PASS = "we_pass", _("We pass the message on")
        CUSTOMER_CONTACTS = "customer_contacts", _("The customer contacts them")

    organisation = models.ForeignKey(
        "crm.Organisation", verbose_name=_("customer"), on_delete=models.PROTECT, related_name="referrals"
    )
    follow_up = models.ForeignKey(
        "care_plans.FollowUp",
        verbose_name=_("found in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
    )
    provider = models.ForeignKey(
        "crm.Organisation",
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="referrals_received",
        limit_choices_to={"customer_group": "stakeholder", "is_archived": False},
        help_text=_("A network partner in the register."),
    )
    need = models.CharField(_("need"), max_length=500)
    contact_name = models.CharField(_("contact person at the provider"), max_length=200)
    contact_details = models.CharField(_("their phone or e-mail"), max_length=200, blank=True)
    arrangement = models.CharField(_("what was agreed"), max_length=20, choices=Arrangement.choices)
    outcome_check = models.OneToOneField(
        "care_plans.FollowUp",
        verbose_name=_("outcome follow-up"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="referral_checked",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("referred by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.provider}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.provider_id and self.provider.customer_group != "stakeholder":
            raise ValidationError({"provider": _("Refer to a network partner: an organisation of that group.")})
