"""Segments, their care models, the history of every classification, and suggestions people decide on.

The current segment and next contact due date live on crm's Organisation row (kept by segments.services);
the rows here keep the past and the definitions admins edit.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.messages import localised as _localised
from accounts.roles import Role
from crm.models import CustomerGroup
from kumppani.lib.contrast import text_colour_for

STRATEGIC = "strategic"
KEY = "key"
REGULAR = "regular"
OCCASIONAL = "occasional"
POTENTIAL = "potential"
UNCLASSIFIED = ""  # Organisation.segment is blank when a customer is not classified

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Give the colour as #rrggbb."))


class Segment(models.Model):
    """One of the five segments of Gradia's customer programme (grouping III); shipped as data, edited by admins."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=100, blank=True)
    definition_fi = models.TextField(_("definition (Finnish)"))
    definition_en = models.TextField(_("definition (English)"), blank=True)
    definition_sv = models.TextField(_("definition (Swedish)"), blank=True)
    goal_fi = models.TextField(_("goal (Finnish)"), blank=True)
    goal_en = models.TextField(_("goal (English)"), blank=True)
    goal_sv = models.TextField(_("goal (Swedish)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    colour = models.CharField(
        _("colour"),
        max_length=7,
        validators=[hex_colour],
        default="#495057",
        help_text=_("Badge background, #rrggbb. The text colour is chosen for readable contrast."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("segment")
        verbose_name_plural = _("segments")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _localised(self, "name")

    @property
    def definition(self) -> str:
        return _localised(self, "definition")

    @property
    def goal(self) -> str:
        return _localised(self, "goal")

    @property
    def text_colour(self) -> str:
        return text_colour_for(self.colour)


class SegmentChange(models.Model):
    """One move of a customer from a segment to another (blank = unclassified): from, to, when, who, why."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("Changed by hand")
        SUGGESTION = "suggestion", _("Accepted suggestion")
        AGREEMENT_ENDED = "agreement_ended", _("Review after the partnership agreement ended")

    organisation = models.ForeignKey(
        "crm.Organisation", verbose_name=_("customer"), on_delete=models.PROTECT, related_name="segment_changes"
    )
    from_code = models.CharField(_("from"), max_length=20, blank=True)
    to_code = models.CharField(_("to"), max_length=20, blank=True)
    changed_at = models.DateTimeField(_("when"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"))
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.MANUAL)
    # An accepted suggestion's explanation in each language ({"fi": …, "en": …, "sv": …}): system text, shown in
    # the reader's language; `reason` keeps what was recorded at the time.
    explanations = models.JSONField(_("explanation in each language"), default=dict, blank=True)

    class Meta:
        verbose_name = _("segment change")
        verbose_name_plural = _("segment changes")
        ordering = ["-changed_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "-changed_at"], name="segchange_org_time"),
            models.Index(fields=["changed_at"], name="segchange_time"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.from_code or '–'} → {self.to_code or '–'}"

    @property
    def reason_for_reader(self) -> str:
        """What a person typed as it was typed; an accepted suggestion's explanation in the reader's language."""
        if not self.explanations:
            return self.reason
        explanation = self.explanations.get(get_language() or "") or self.explanations.get("fi", "")
        return gettext("Accepted suggestion: %(explanation)s") % {"explanation": explanation}


class CareModel(models.Model):
    """How a customer group's customers, optionally only those of one segment, are cared for.

    Which model a customer follows is decided in one place, `segments.care_models.care_model_for`: the
    customer's own override, else its group's model for its segment, else its group's model without a segment.
    Shipped values are Kumppani's defaults, not from the sources.
    """

    customer_group = models.CharField(
        _("customer group"), max_length=20, choices=CustomerGroup.choices, default=CustomerGroup.BUSINESS
    )
    segment = models.ForeignKey(
        Segment,
        verbose_name=_("segment"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="care_models",
        help_text=_("Leave empty for the model of the whole customer group."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    contact_interval_months = models.PositiveSmallIntegerField(
        _("contact interval (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "The next contact is due this many months after the last logged contact. Empty: no tracked rhythm."
        ),
    )
    rhythm_fi = models.TextField(_("contact rhythm (Finnish)"), blank=True)
    rhythm_en = models.TextField(_("contact rhythm (English)"), blank=True)
    rhythm_sv = models.TextField(_("contact rhythm (Swedish)"), blank=True)
    requires_care_plan = models.BooleanField(_("care plan required"), default=False)
    requires_annual_review = models.BooleanField(_("annual review required"), default=False)
    requires_steering_group = models.BooleanField(_("steering group required"), default=False)
    requires_after_care = models.BooleanField(_("after-care required"), default=False)
    after_care_off = models.BooleanField(
        _("no after-care"),
        default=False,
        help_text=_(
            "Switch after-care off for these customers: their deliveries get no after-care follow-ups. A customer "
            "with no care model gets after-care for every delivery."
        ),
    )
    responsible_role = models.CharField(
        _("responsible role"), max_length=20, choices=Role.choices, default=Role.ACCOUNT_MANAGER
    )
    target_measures_fi = models.TextField(_("target measures (Finnish)"), blank=True)
    target_measures_en = models.TextField(_("target measures (English)"), blank=True, default="")
    target_measures_sv = models.TextField(_("target measures (Swedish)"), blank=True, default="")
    notes_fi = models.TextField(
        _("notes (Finnish)"),
        blank=True,
        help_text=_("Where these values come from, e.g. Kumppani's defaults or a board decision."),
    )
    notes_en = models.TextField(_("notes (English)"), blank=True, default="")
    notes_sv = models.TextField(_("notes (Swedish)"), blank=True, default="")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("care model")
        verbose_name_plural = _("care models")
        ordering = ["customer_group", "segment__order", "pk"]
        constraints = [
            # One active model per (group, segment); "no segment" counts as one value, not as NULLs that differ.
            models.UniqueConstraint(
                fields=["customer_group", "segment"],
                condition=Q(is_active=True),
                nulls_distinct=False,
                name="one_active_care_model_per_group_segment",
            )
        ]

    def __str__(self) -> str:
        group = self.get_customer_group_display()
        return f"{group} – {self.segment}" if self.segment_id else str(group)

    def validate_constraints(self, exclude=None) -> None:
        # clean() names the clash in words an admin understands; the database constraint stays the guard.
        super().validate_constraints(exclude={*(exclude or ()), "customer_group"})

    def clean(self) -> None:
        if not self.is_active:
            return
        clash = CareModel.objects.filter(
            is_active=True, customer_group=self.customer_group, segment_id=self.segment_id
        ).exclude(pk=self.pk)
        if clash.exists():
            raise ValidationError(
                _(
                    "This customer group already has an active care model for this segment. Edit that one, or "
                    "make it inactive first."
                )
                if self.segment_id
                else _(
                    "This customer group already has an active care model for the whole group. Edit that one, "
                    "or make it inactive first."
                ),
                code="care_model_clash",
            )

    @classmethod
    def for_organisation(cls, organisation) -> "CareModel | None":
        """The customer's care model (segments.care_models.care_model_for decides which)."""
        from segments.care_models import care_model_for

        return care_model_for(organisation)

    @property
    def rhythm(self) -> str:
        return _localised(self, "rhythm")

    @property
    def target_measures(self) -> str:
        return _localised(self, "target_measures")

    @property
    def notes(self) -> str:
        return _localised(self, "notes")

    def required_elements(self) -> list[str]:
        pairs = [
            (self.requires_care_plan, _("care plan")),
            (self.requires_annual_review, _("annual review")),
            (self.requires_steering_group, _("steering group")),
            (self.requires_after_care, _("after-care")),
        ]
        return [str(label) for required, label in pairs if required]


class SuggestionSettings(models.Model):
    """The suggestion engine's thresholds. One row (pk=1). The sources give none: these are Kumppani's defaults."""

    activity_window_months = models.PositiveSmallIntegerField(
        _("activity window (months)"),
        default=24,
        validators=[MinValueValidator(1)],
        help_text=_("Deliveries, service types and contacts are counted over this many months."),
    )
    value_window_months = models.PositiveSmallIntegerField(
        _("value window (months)"), default=12, validators=[MinValueValidator(1)]
    )
    key_min_years = models.PositiveSmallIntegerField(_("key: minimum years of cooperation"), default=3)
    key_min_deliveries = models.PositiveIntegerField(_("key: minimum deliveries"), default=8)
    key_min_service_types = models.PositiveSmallIntegerField(_("key: minimum distinct service types"), default=3)
    key_min_value = models.DecimalField(_("key: minimum value (EUR)"), max_digits=12, decimal_places=2, default=50000)
    regular_min_years = models.PositiveSmallIntegerField(_("regular: minimum years of cooperation"), default=1)
    regular_min_deliveries = models.PositiveIntegerField(_("regular: minimum deliveries"), default=3)
    regular_min_value = models.DecimalField(
        _("regular: minimum value (EUR)"), max_digits=12, decimal_places=2, default=0
    )
    occasional_min_deliveries = models.PositiveIntegerField(
        _("occasional: minimum deliveries"), default=1, validators=[MinValueValidator(1)]
    )
    rejected_quiet_months = models.PositiveSmallIntegerField(
        _("do not repeat a rejected suggestion for (months)"), default=6
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("suggestion settings")
        verbose_name_plural = _("suggestion settings")

    def __str__(self) -> str:
        return str(_("Suggestion settings"))

    @classmethod
    def load(cls) -> "SuggestionSettings":
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj


class Suggestion(models.Model):
    """A proposed segment with the facts behind it; a person accepts or rejects it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        SUPERSEDED = "superseded", _("Superseded")

    organisation = models.ForeignKey(
        "crm.Organisation", verbose_name=_("customer"), on_delete=models.PROTECT, related_name="segment_suggestions"
    )
    from_code = models.CharField(_("current segment"), max_length=20, blank=True)
    suggested_code = models.CharField(_("suggested segment"), max_length=20)
    facts = models.JSONField(_("facts"), default=dict)
    explanation = models.CharField(_("explanation"), max_length=500)
    computed_at = models.DateTimeField(_("computed"), default=timezone.now)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("segment suggestion")
        verbose_name_plural = _("segment suggestions")
        ordering = ["-computed_at", "-id"]
        indexes = [
            models.Index(fields=["status", "suggested_code"], name="suggestion_status_code"),
            models.Index(fields=["organisation", "status"], name="suggestion_org_status"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"], condition=Q(status="pending"), name="one_pending_suggestion_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} → {self.suggested_code}"

    def explanation_text_with(self, names: dict[str, str] | None) -> str:
        """In the reader's language, from the stored facts."""
        from segments.suggest import explain

        try:
            return explain(self.facts, self.suggested_code, names)
        except (KeyError, TypeError, ValueError):
            return self.explanation

    @property
    def explanation_text(self) -> str:
        return self.explanation_text_with(None)


class SegmentReview(models.Model):
    """A customer flagged for a person to review its segment (a strategic customer's agreement ended)."""

    class Reason(models.TextChoices):
        AGREEMENT_ENDED = "agreement_ended", _("Partnership agreement ended")
        NOT_SEGMENTED_GROUP = "not_segmented_group", _("An individual or a network partner in a segment")

    organisation = models.ForeignKey(
        "crm.Organisation", verbose_name=_("customer"), on_delete=models.PROTECT, related_name="segment_reviews"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    created_at = models.DateTimeField(_("flagged"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolution = models.CharField(_("resolution"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("segment review")
        verbose_name_plural = _("segment reviews")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "reason"],
                condition=Q(resolved_at__isnull=True),
                name="one_open_review_per_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.get_reason_display()}"


class CareModelOverride(models.Model):
    """A customer that follows another care model than its group and segment would give it."""

    organisation = models.OneToOneField(
        "crm.Organisation", verbose_name=_("customer"), on_delete=models.PROTECT, related_name="care_model_override"
    )
    care_model = models.ForeignKey(
        CareModel, verbose_name=_("care model"), on_delete=models.PROTECT, related_name="overrides"
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    set_at = models.DateTimeField(_("set"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("care model of a customer")
        verbose_name_plural = _("care models of customers")

    def __str__(self) -> str:
        return f"{self.organisation} → {self.care_model}"
