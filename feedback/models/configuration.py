"""Settings rows admins edit: the numbers of sending and closing the loop, the baseline, the loop's rules."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.messages import localised
from kumppani.lib.nps import DETRACTOR, PASSIVE, PROMOTER

CATEGORY_CHOICES = [(PROMOTER, _("Promoter")), (PASSIVE, _("Passive")), (DETRACTOR, _("Detractor"))]


class FeedbackSettings(models.Model):
    """One row (pk=1). Every number here is Kumppani's own default; the source documents give none."""

    invite_delay_days = models.PositiveSmallIntegerField(
        _("days from a completed delivery or follow-up to the survey"),
        default=3,
        validators=[MaxValueValidator(90)],
        help_text=_("Kumppani's default, not from the sources."),
    )
    contact_quiet_days = models.PositiveSmallIntegerField(
        _("days a contact is not surveyed again"),
        default=90,
        validators=[MaxValueValidator(730)],
        help_text=_("Kumppani's default, not from the sources: at most one survey in this many days per person."),
    )
    reminder_after_days = models.PositiveSmallIntegerField(
        _("days from the invitation to its one reminder"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("Kumppani's default, not from the sources."),
    )
    answer_days = models.PositiveSmallIntegerField(
        _("days an invitation can be answered when the survey has no closing date"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("Kumppani's default, not from the sources."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("feedback settings")
        verbose_name_plural = _("feedback settings")

    def __str__(self) -> str:
        return str(_("Feedback settings"))

    @classmethod
    def load(cls) -> "FeedbackSettings":
        row, _created = cls.objects.get_or_create(pk=1)
        return row


class NpsBaseline(models.Model):
    """The NPS figures are drawn against: shipped as Gradia's 58 of 2018; the latest year is the one used."""

    value = models.SmallIntegerField(_("NPS"), validators=[MinValueValidator(-100), MaxValueValidator(100)])
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    source = models.CharField(_("source"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("NPS baseline")
        verbose_name_plural = _("NPS baselines")
        ordering = ["-year", "-pk"]

    def __str__(self) -> str:
        return f"{self.value} ({self.year}, {self.source})"

    @classmethod
    def current(cls) -> "NpsBaseline | None":
        return cls.objects.order_by("-year", "-pk").first()


class LoopRule(models.Model):
    """What an answer of a category sets in motion: a follow-up for the account manager, due in N working days.

    Shipped: a detractor's answer opens a call (2 working days, Kumppani's default, not the sources'); a passive's
    and a promoter's ("ask them to act as a reference") are there for admins to switch on.
    """

    category = models.CharField(_("category"), max_length=10, choices=CATEGORY_CHOICES, unique=True)
    is_active = models.BooleanField(_("opens a follow-up"), default=False)
    title_fi = models.CharField(_("follow-up (Finnish)"), max_length=200)
    title_en = models.CharField(_("follow-up (English)"), max_length=200, blank=True)
    title_sv = models.CharField(_("follow-up (Swedish)"), max_length=200, blank=True)
    working_days = models.PositiveSmallIntegerField(
        _("due in working days"),
        default=2,
        validators=[MaxValueValidator(60)],
        help_text=_("Kumppani's default (2), not from the sources."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("closed-loop rule")
        verbose_name_plural = _("closed-loop rules")
        ordering = ["category"]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.title}"

    @property
    def title(self) -> str:
        return localised(self, "title")
