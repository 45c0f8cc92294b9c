"""Public no-login links: an invitation (`PublicLink`) opened by any of its tokens (`PublicLinkToken`).

A link stands for one thing a person may do without logging in (purpose) on one row (target, a generic foreign
key, with an optional scope such as the preference kind an unsubscribe link is for). Tokens are stored as
SHA-256 hashes only: a database dump or a leaked backup opens nothing. One invitation may have many tokens, so a
reminder mail gets a fresh token for the same invitation and every earlier token keeps working.
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class PublicLink(models.Model):
    purpose = models.CharField(_("purpose"), max_length=40, help_text=_("E.g. unsubscribe, survey."))
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    scope = models.CharField(
        _("scope"), max_length=40, blank=True, help_text=_("What on the target the link is for, e.g. a kind of mail.")
    )
    expires_at = models.DateTimeField(_("expires"))
    # 1 is a single-use link; empty means any number of uses until it expires or is revoked.
    max_uses = models.PositiveIntegerField(_("maximum uses"), null=True, blank=True, default=1)
    uses = models.PositiveIntegerField(_("uses"), default=0)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("public link")
        verbose_name_plural = _("public links")
        indexes = [models.Index(fields=["target_type", "target_id", "purpose"], name="publiclink_target")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_uses__isnull=True) | models.Q(uses__lte=models.F("max_uses")),
                name="publiclink_uses_within_max",
            )
        ]

    def __str__(self) -> str:
        return f"{self.purpose} #{self.pk}"

    def is_open(self, now=None) -> bool:
        """Not revoked, not expired and not used up: a token of it may still be used."""
        now = now or timezone.now()
        return (
            self.revoked_at is None and self.expires_at > now and (self.max_uses is None or self.uses < self.max_uses)
        )


class PublicLinkToken(models.Model):
    link = models.ForeignKey(PublicLink, on_delete=models.CASCADE, related_name="tokens")
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("public link token")
        verbose_name_plural = _("public link tokens")

    def __str__(self) -> str:
        return f"{self.link} token {self.pk}"
