"""Settings rows admins edit: after-care models and their steps, reminder stages and other numbers."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.messages import localised


class AfterCareModel(models.Model):
    """Which follow-ups a completed delivery gets. One model is the default; others may target a service type."""

    name = models.CharField(_("name"), max_length=200)
    service_type = models.OneToOneField(
        "crm.ServiceType",
        verbose_name=_("service type"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="after_care_model",
        help_text=_("Leave empty for the default model that every other delivery uses."),
    )
    is_default = models.BooleanField(_("default model"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("after-care model")
        verbose_name_plural = _("after-care models")
        ordering = ["-is_default", "name"]
        constraints = [
            models.UniqueConstraint(fields=["is_default"], condition=Q(is_default=True), name="one_default_aftercare")
        ]

    def __str__(self) -> str:
        return self.name


class AfterCareStep(models.Model):
    """One follow-up of an after-care model: e.g. a personal contact within 14 days of the end.

    The title is given per language; follow-ups show the reader's, Finnish when that one is empty.
    """

    model = models.ForeignKey(AfterCareModel, on_delete=models.CASCADE, related_name="steps")
    title_fi = models.CharField(_("title (Finnish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True, default="")
    title_sv = models.CharField(_("title (Swedish)"), max_length=200, blank=True, default="")
    days_after_end = models.PositiveIntegerField(_("days after the end"), validators=[MaxValueValidator(3660)])
    working_days = models.BooleanField(
        _("count working days"),
        default=False,
        help_text=_(
            "Count Finnish working days. Otherwise calendar days, moved back to the previous working day "
            "when the date falls on a weekend or holiday."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("after-care step")
        verbose_name_plural = _("after-care steps")
        ordering = ["model", "order", "days_after_end"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localised(self, "title")


class ReminderSettings(models.Model):
    """Reminder stages and other numbers the sources leave open. One row (pk=1); the defaults are Kumppani's."""

    due_soon_days = models.PositiveSmallIntegerField(
        _("remind this many days before the due date"), default=3, validators=[MinValueValidator(1)]
    )
    escalate_after_days = models.PositiveSmallIntegerField(
        _("escalate to the unit's head after this many days overdue"), default=7, validators=[MinValueValidator(1)]
    )
    manager_change_working_days = models.PositiveSmallIntegerField(
        _("working days to tell the customer of a new account manager"), default=5
    )
    plan_review_interval_days = models.PositiveSmallIntegerField(
        _("days from one plan review to the next"), default=365, validators=[MinValueValidator(1)]
    )
    # What a care model requires comes due by these rhythms (Kumppani's defaults: the sources give none).
    annual_review_interval_months = models.PositiveSmallIntegerField(
        _("months from one annual review to the next"),
        default=12,
        validators=[MinValueValidator(1)],
        help_text=_("Kumppani's default. A required annual review is due this long after the last one."),
    )
    steering_meeting_interval_months = models.PositiveSmallIntegerField(
        _("months from one steering group meeting to the next"),
        default=6,
        validators=[MinValueValidator(1)],
        help_text=_("Kumppani's default. A required steering group meets at least this often."),
    )
    progress_check_interval_weeks = models.PositiveSmallIntegerField(
        _("weeks between progress checks of a long delivery"),
        default=6,
        validators=[MinValueValidator(1)],
        help_text=_("Kumppani's default. A delivery longer than the limit below gets a progress check this often."),
    )
    long_delivery_months = models.PositiveSmallIntegerField(
        _("a delivery is long when it lasts more than (months)"),
        default=3,
        validators=[MinValueValidator(1)],
        help_text=_("Kumppani's default."),
    )
    referral_followup_days = models.PositiveSmallIntegerField(
        _("days after a referral to follow up its outcome"),
        default=14,
        validators=[MinValueValidator(1)],
        help_text=_("Kumppani's default."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reminder settings")
        verbose_name_plural = _("reminder settings")

    def __str__(self) -> str:
        return str(_("Reminder settings"))

    @classmethod
    def load(cls) -> "ReminderSettings":
        row, _created = cls.objects.get_or_create(pk=1)
        return row
