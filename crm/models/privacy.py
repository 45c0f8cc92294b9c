"""What was done with a person's data: erasures (without the data) and retention decisions."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ContactErasure(models.Model):
    """Who erased a contact person, when, and how much was replaced. Holds none of the erased data."""

    contact = models.OneToOneField("crm.Contact", on_delete=models.PROTECT, related_name="erasure")
    erased_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    erased_at = models.DateTimeField(_("erased"), default=timezone.now)
    hits_found = models.PositiveIntegerField(_("places found"), default=0)
    fields_replaced = models.PositiveIntegerField(_("places replaced"), default=0)
    replacements = models.PositiveIntegerField(_("replacements"), default=0)

    class Meta:
        verbose_name = _("contact erasure")
        verbose_name_plural = _("contact erasures")
        ordering = ["-erased_at"]

    def __str__(self) -> str:
        return f"#{self.contact_id} {self.erased_at:%Y-%m-%d}"


class RetentionDecision(models.Model):
    """A person decided to keep an inactive contact's data: the reason, and until when it is not listed."""

    contact = models.ForeignKey("crm.Contact", on_delete=models.CASCADE, related_name="retention_decisions")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("decided"), default=timezone.now)
    reason = models.TextField(_("reason for keeping"))
    keep_until = models.DateField(_("not listed again before"))

    class Meta:
        verbose_name = _("retention decision")
        verbose_name_plural = _("retention decisions")
        ordering = ["-decided_at"]
        indexes = [models.Index(fields=["contact", "keep_until"], name="retention_contact_until")]

    def __str__(self) -> str:
        return f"#{self.contact_id} → {self.keep_until}"
