"""Indicators: measured by hand (a value, or a dated assessment on a scale) or computed live (roadmap.live)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import OrgUnit
from kumppani.web.dates import date_in_range_validators


class Indicator(models.Model):
    class Kind(models.TextChoices):
        QUANTITATIVE = "quantitative", _("Quantitative")
        QUALITATIVE = "qualitative", _("Qualitative")

    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.QUANTITATIVE)
    unit = models.CharField(_("unit of measure"), max_length=30, blank=True, help_text=_("E.g. %, €, customers."))
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    # A qualitative indicator is assessed on 1…scale_max.
    scale_max = models.PositiveSmallIntegerField(
        _("top of the assessment scale"), default=5, validators=[MinValueValidator(2), MaxValueValidator(10)]
    )
    # The code of a live indicator in roadmap.live; empty for one measured by hand.
    live_code = models.CharField(_("computed from the CRM"), max_length=40, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name_fi

    def get_absolute_url(self) -> str:
        return reverse("roadmap:indicator_detail", args=[self.pk])

    def clean(self) -> None:
        from roadmap.live import LIVE_INDICATORS

        if self.live_code and self.live_code not in LIVE_INDICATORS:
            raise ValidationError({"live_code": _("No such computed indicator.")})
        if (self.baseline is None) != (self.baseline_year is None):
            raise ValidationError({"baseline_year": _("Give the baseline and its year together.")})

    @property
    def is_qualitative(self) -> bool:
        return self.kind == self.Kind.QUALITATIVE


class IndicatorTarget(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    value = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator", "year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="roadmap_target_year")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.value}"


class Measurement(models.Model):
    """A value measured by hand on a date, or for a qualitative indicator an assessment on its scale."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="measurements"
    )
    measured_on = models.DateField(_("date"), validators=date_in_range_validators())
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True, blank=True)
    assessment = models.PositiveSmallIntegerField(_("assessment"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    entered_at = models.DateTimeField(_("entered"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["indicator", "-measured_on", "-pk"]
        indexes = [models.Index(fields=["indicator", "measured_on"], name="roadmap_measure_ind_date")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.measured_on}"

    def clean(self) -> None:
        if not self.indicator_id:
            return
        if self.indicator.is_qualitative:
            if self.assessment is None or not 1 <= self.assessment <= self.indicator.scale_max:
                raise ValidationError(
                    {"assessment": _("Give an assessment from 1 to %(top)s.") % {"top": self.indicator.scale_max}}
                )
        elif self.value is None:
            raise ValidationError({"value": _("Give the measured value.")})


class Snapshot(models.Model):
    """A live figure that has no history of its own, recorded nightly (roadmap.tasks); its trend starts here."""

    code = models.CharField(_("indicator"), max_length=40)
    taken_at = models.DateTimeField(_("taken"), default=timezone.now)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True)
    numerator = models.IntegerField(_("numerator"), default=0)
    denominator = models.IntegerField(_("denominator"), null=True)
    # Rows per part (a segment's count, a unit's share): [[label, value], …]
    parts = models.JSONField(_("parts"), default=list, blank=True)

    class Meta:
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")
        ordering = ["code", "-taken_at"]
        indexes = [models.Index(fields=["code", "-taken_at"], name="roadmap_snapshot_code_time")]

    def __str__(self) -> str:
        return f"{self.code} {self.taken_at:%Y-%m-%d}"
