"""A roadmap toward the customer vision: themes, goals in their columns, progress updates and evidence."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import OrgUnit
from kumppani.web.dates import date_in_range_validators


class Roadmap(models.Model):
    """A roadmap has a vision, a period of whole years and an owner (admins create them)."""

    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    vision_fi = models.TextField(_("vision (Finnish)"))
    vision_en = models.TextField(_("vision (English)"), blank=True)
    vision_sv = models.TextField(_("vision (Swedish)"), blank=True)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), null=True, blank=True, on_delete=models.SET_NULL
    )
    # The loader finds its own roadmap again by this key, so loading twice changes nothing.
    key = models.SlugField(_("key"), max_length=50, unique=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("roadmap")
        verbose_name_plural = _("roadmaps")
        ordering = ["-start_year", "pk"]

    def __str__(self) -> str:
        return self.name_fi

    def clean(self) -> None:
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The last year cannot be before the first.")})

    @property
    def period_label(self) -> str:
        return f"{self.start_year}–{self.end_year}"

    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))


class Theme(models.Model):
    roadmap = models.ForeignKey(Roadmap, on_delete=models.PROTECT, related_name="themes")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["roadmap", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["roadmap", "order"], name="roadmap_theme_order")]

    def __str__(self) -> str:
        return self.name_fi


class Goal(models.Model):
    """A development goal in a column: one year of the roadmap, or the whole period (`year` empty)."""

    class State(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        AT_RISK = "at_risk", _("At risk")

    theme = models.ForeignKey(Theme, verbose_name=_("theme"), on_delete=models.PROTECT, related_name="goals")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, help_text=_("Empty: the whole period."))
    text_fi = models.TextField(_("goal (Finnish)"))
    text_en = models.TextField(_("goal (English)"), blank=True)
    text_sv = models.TextField(_("goal (Swedish)"), blank=True)
    result_area = models.ForeignKey(
        OrgUnit,
        verbose_name=_("result area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": OrgUnit.Kind.RESULT_AREA},
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), null=True, blank=True, on_delete=models.SET_NULL
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.NOT_STARTED)
    indicators = models.ManyToManyField(
        "roadmap.Indicator", verbose_name=_("indicators"), blank=True, related_name="goals"
    )
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["theme__order", "year", "order", "pk"]
        # The whole period is year NULL: it must be unique too.
        constraints = [
            models.UniqueConstraint(fields=["theme", "year", "order"], name="roadmap_goal_place", nulls_distinct=False)
        ]
        indexes = [models.Index(fields=["state"], name="roadmap_goal_state")]

    def __str__(self) -> str:
        return self.text_fi[:80]

    def get_absolute_url(self) -> str:
        return reverse("roadmap:goal_detail", args=[self.pk])

    def clean(self) -> None:
        if self.result_area_id and self.result_area.kind != OrgUnit.Kind.RESULT_AREA:
            raise ValidationError({"result_area": _("Choose a unit that is a result area.")})
        roadmap = self.theme.roadmap if self.theme_id else None
        if roadmap and self.year is not None and not roadmap.start_year <= self.year <= roadmap.end_year:
            raise ValidationError({"year": _("The year must lie within the roadmap's period.")})

    @property
    def column_label(self) -> str:
        return str(self.year) if self.year is not None else self.theme.roadmap.period_label


class ProgressUpdate(models.Model):
    """A dated note by its author, with the state the goal was set to."""

    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT)
    written_at = models.DateTimeField(_("written"), default=timezone.now)
    state = models.CharField(_("state"), max_length=20, choices=Goal.State.choices)
    note = models.TextField(_("progress note"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-written_at", "-pk"]
        indexes = [models.Index(fields=["goal", "-written_at"], name="roadmap_update_goal_time")]

    def __str__(self) -> str:
        return f"{self.goal_id}: {self.get_state_display()}"


class EvidenceLink(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="evidence")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"), max_length=500)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), null=True, on_delete=models.SET_NULL
    )
    added_on = models.DateField(_("date"), default=timezone.localdate, validators=date_in_range_validators())
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evidence link")
        verbose_name_plural = _("evidence links")
        ordering = ["-added_on", "-pk"]

    def __str__(self) -> str:
        return self.title
