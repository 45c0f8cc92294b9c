"""Reference data shipped with the product: municipalities, industries, service types, settings."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.messages import localised


class Municipality(models.Model):
    """A Finnish municipality with Statistics Finland's official three-digit code."""

    code = models.CharField(_("code"), max_length=3, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=100)
    name_sv = models.CharField(_("name (Swedish)"), max_length=100)
    region = models.CharField(_("region"), max_length=100)
    is_owner = models.BooleanField(
        _("owner municipality"), default=False, help_text=_("The provider's owner municipalities (omistajakunnat).")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name_fi"]

    def __str__(self) -> str:
        return self.name_sv if get_language() == "sv" else self.name_fi


class Industry(models.Model):
    """A section or division of an industrial classification (TOL 2008 shipped; versioned for TOL 2025)."""

    class Level(models.TextChoices):
        SECTION = "section", _("Section")
        DIVISION = "division", _("Division")

    classification = models.CharField(_("classification"), max_length=20, default="TOL2008")
    code = models.CharField(_("code"), max_length=10)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="divisions")
    name_fi = models.CharField(_("name (Finnish)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255)
    # Statistics Finland's Swedish names are not shipped; admins may add them. Empty shows the Finnish name.
    name_sv = models.CharField(_("name (Swedish)"), max_length=255, blank=True, default="")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("industry")
        verbose_name_plural = _("industries")
        ordering = ["classification", "code"]
        constraints = [
            models.UniqueConstraint(fields=["classification", "code"], name="unique_industry_code_per_classification")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        """In the reader's language, Finnish when that one is missing."""
        return localised(self, "name")


class ServiceType(models.Model):
    """A kind of service the provider delivers; admins edit the catalogue."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("service type")
        verbose_name_plural = _("service types")
        ordering = ["order", "name_fi"]

    def __str__(self) -> str:
        localized = {"en": self.name_en, "sv": self.name_sv}.get((get_language() or "fi")[:2])
        return localized or self.name_fi


class ContactRole(models.Model):
    """A contact person's role at the customer (decision-maker, HR, workplace instructor, …); admins edit the list.

    Survey answers keep the respondent's role at that time: the role shapes how the service is experienced.
    """

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact role")
        verbose_name_plural = _("contact roles")
        ordering = ["order", "name_fi"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localised(self, "name")


class RegisterSettings(models.Model):
    """Admin-editable numbers the source documents do not fix. One row (pk=1)."""

    micro_headcount_limit = models.PositiveSmallIntegerField(
        _("micro enterprise headcount limit"),
        default=10,
        validators=[MinValueValidator(1)],
        help_text=_("Fewer persons than this is a micro enterprise. Statistics Finland has also used 5."),
    )
    retention_years = models.PositiveSmallIntegerField(
        _("retention review after (years)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_(
            "Kumppani's default, not from the sources. Contact persons with no activity for this many years are "
            "listed for a person to decide whether their data is kept or erased."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("register settings")
        verbose_name_plural = _("register settings")

    def __str__(self) -> str:
        return str(_("Register settings"))

    @classmethod
    def load(cls) -> "RegisterSettings":
        settings, _created = cls.objects.get_or_create(pk=1)
        return settings


MILLION = Decimal("1000000")
