"""What a contact person wants to receive from us, one row per kind of mail."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kumppani.web.dates import date_in_range_validators


class ContactPreference(models.Model):
    """A contact's recorded decision on one kind of mail: consented or refused, when, and how we learnt it.

    The rules (crm.preferences.contacts_reachable applies them): surveys are part of serving a customer and
    go to everyone who has not refused them; newsletters, campaigns and event invitations are direct marketing
    and go only to those who have consented. No row means no decision.
    """

    class Kind(models.TextChoices):
        SURVEYS = "surveys", _("Surveys")
        NEWSLETTERS_AND_CAMPAIGNS = "newsletters_and_campaigns", _("Newsletters and campaigns")
        EVENT_INVITATIONS = "event_invitations", _("Event invitations")

    class Status(models.TextChoices):
        CONSENTED = "consented", _("Consented")
        REFUSED = "refused", _("Refused")

    class Source(models.TextChoices):
        FORM = "form", _("Web form")
        UNSUBSCRIBE_LINK = "unsubscribe_link", _("Unsubscribe link")
        IMPORT = "import", _("Import")
        ACCOUNT_MANAGER = "account_manager", _("Account manager")

    # Kinds sent unless refused; every other kind needs a consent.
    OPT_OUT_KINDS = frozenset({Kind.SURVEYS})

    contact = models.ForeignKey("crm.Contact", on_delete=models.CASCADE, related_name="preferences")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    date = models.DateField(_("date"), default=timezone.localdate, validators=date_in_range_validators())
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("communication preference")
        verbose_name_plural = _("communication preferences")
        constraints = [models.UniqueConstraint(fields=["contact", "kind"], name="contactpreference_one_per_kind")]

    def __str__(self) -> str:
        return f"{self.contact}: {self.get_kind_display()} – {self.get_status_display()}"

    @classmethod
    def needs_consent(cls, kind: str) -> bool:
        return kind not in cls.OPT_OUT_KINDS
