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
