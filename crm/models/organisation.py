"""The customer: an organisation, its partnership agreements and its account team."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from crm.uploads import AgreementDocumentField, QuarantineReason, validate_document
from kumppani.lib.business_id import normalise_business_id
from kumppani.lib.size_class import LARGE, MEDIUM, MICRO, SMALL
from kumppani.web.dates import date_in_range_validators


def validate_business_id(value: str) -> None:
    try:
        normalise_business_id(value)
    except ValueError:
        raise ValidationError(
            _("%(value)s is not a valid business ID: use the form 1234567-8 with a correct check digit."),
            code="invalid_business_id",
            params={"value": value},
        ) from None


class CustomerGroup(models.TextChoices):
    """The customer groups of Gradia's customer programme 2020-2023 (grouping I)."""

    BUSINESS = "business", _("Business customer")
    PUBLIC = "public", _("Public-sector customer")
    INDIVIDUAL = "individual", _("Individual customer")
    STAKEHOLDER = "stakeholder", _("Stakeholder / network partner")


# Customers that one unit answers for (docs/ARCHITECTURE.md "Units"); individuals and stakeholders may have none.
GROUPS_NEEDING_A_UNIT = frozenset({CustomerGroup.BUSINESS, CustomerGroup.PUBLIC})


class OperatingForm(models.TextChoices):
    LIMITED_COMPANY = "oy", _("Limited company (Oy)")
    PUBLIC_LIMITED = "oyj", _("Public limited company (Oyj)")
    PARTNERSHIP = "ky", _("Partnership (Ky / Ay)")
    SOLE_TRADER = "tmi", _("Sole trader (Tmi)")
    COOPERATIVE = "osk", _("Cooperative")
    MUNICIPALITY = "municipality", _("Municipality or joint municipal authority")
    MUNICIPAL_UNIT = "municipal_unit", _("Municipal division or enterprise")
    STATE = "state", _("State agency")
    WELLBEING_COUNTY = "wellbeing_county", _("Wellbeing services county")
    ASSOCIATION = "association", _("Association")
    FOUNDATION = "foundation", _("Foundation")
    PARISH = "parish", _("Parish")
    OTHER = "other", _("Other")


class SizeClass(models.TextChoices):
    MICRO = MICRO, _("Micro")
    SMALL = SMALL, _("Small")
    MEDIUM = MEDIUM, _("Medium")
    LARGE = LARGE, _("Large")


class Organisation(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        PASSIVE = "passive", _("Passive")

    class Relation(models.TextChoices):
        DIRECT = "direct", _("Direct customer")
        INDIRECT = "indirect", _("Indirect customer")

    name = models.CharField(_("name"), max_length=255)
    business_id = models.CharField(
        _("business ID"),
        max_length=9,
        blank=True,
        validators=[validate_business_id],
        help_text=_("Y-tunnus, 1234567-8"),
    )
    customer_group = models.CharField(
        _("customer group"), max_length=20, choices=CustomerGroup.choices, default=CustomerGroup.BUSINESS
    )
    operating_form = models.CharField(_("operating form"), max_length=20, choices=OperatingForm.choices, blank=True)
    industry = models.ForeignKey(
        "crm.Industry", verbose_name=_("industry"), null=True, blank=True, on_delete=models.PROTECT
    )
    headcount = models.IntegerField(_("headcount"), null=True, blank=True, validators=[MinValueValidator(0)])
    turnover = models.DecimalField(
        _("turnover (EUR)"), max_digits=15, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    # Derived from headcount and turnover by crm.services.organisation_refresh_size_class.
    size_class = models.CharField(_("size class"), max_length=10, choices=SizeClass.choices, blank=True)
    municipality = models.ForeignKey(
        "crm.Municipality", verbose_name=_("municipality"), null=True, blank=True, on_delete=models.PROTECT
    )
    street_address = models.CharField(_("street address"), max_length=255, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    post_office = models.CharField(_("post office"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    relation = models.CharField(
        _("customer relation"), max_length=10, choices=Relation.choices, default=Relation.DIRECT
    )
    direct_customer = models.ForeignKey(
        "self",
        verbose_name=_("through direct customer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indirect_customers",
        help_text=_("For an indirect customer: the direct customer it is served through."),
    )
    description = models.TextField(_("description"), blank=True)
    # The unit that answers for the customer: every "per unit" figure about customers means this one.
    responsible_unit = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("responsible unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="responsible_for",
        help_text=_("Required for business and public-sector customers."),
    )
    # The current account team, kept in step with AccountTeamAssignment by crm.services.
    account_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account manager"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="managed_organisations",
    )
    deputy_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deputy account manager"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deputised_organisations",
    )
    followers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("followers"), blank=True, related_name="followed_organisations"
    )
    # Stored for lists and overdue queries (DESIGN.md "Store what lists filter on"):
    # last_contact_at by crm.services.interaction_save; segment and next_contact_due by segments.services.
    last_contact_at = models.DateTimeField(_("last contact"), null=True, blank=True, editable=False)
    segment = models.CharField(_("segment"), max_length=20, blank=True, editable=False)
    next_contact_due = models.DateField(_("next contact due"), null=True, blank=True, editable=False)
    # The last 12 months' NPS and its answer count, kept by feedback's service (lists show it from 3 answers).
    nps_12m = models.SmallIntegerField(_("NPS, last 12 months"), null=True, blank=True, editable=False)
    nps_12m_answers = models.PositiveIntegerField(_("NPS answers, last 12 months"), default=0, editable=False)
    is_archived = models.BooleanField(_("archived"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[])

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["business_id"],
                condition=~Q(business_id=""),
                name="unique_business_id_when_present",
                violation_error_message=_("Another organisation already has this business ID."),
            ),
            models.CheckConstraint(
                condition=Q(headcount__isnull=True) | Q(headcount__gte=0), name="headcount_not_negative"
            ),
        ]
        # The trigram index on UPPER(name) for search is PostgreSQL-only: see migration 0002.
        indexes = [
            # The register's default order (name, id; crm.filters): a page is an index range, not a sort of every
            # row. Readers who see no archived customers use organisation_archived_name. Not (name, id): as a
            # covering index it tempts PostgreSQL to read all of it for a name search instead of the trigram index.
            models.Index(fields=["name"], name="organisation_name"),
            # A business-ID prefix (crm.search); the pattern operator class is PostgreSQL's (others ignore it).
            models.Index(
                fields=["business_id"], name="organisation_business_id_like", opclasses=["varchar_pattern_ops"]
            ),
            models.Index(fields=["account_manager", "name"], name="organisation_manager_name"),
            models.Index(fields=["deputy_manager"], name="organisation_deputy"),
            models.Index(fields=["customer_group", "status"], name="organisation_group_status"),
            models.Index(fields=["size_class"], name="organisation_size_class"),
            models.Index(fields=["is_archived", "name"], name="organisation_archived_name"),
            models.Index(fields=["segment", "is_archived"], name="organisation_segment"),
            models.Index(fields=["next_contact_due"], name="organisation_next_contact_due"),
            models.Index(fields=["responsible_unit", "is_archived"], name="organisation_responsible_unit"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("crm:organisation_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.business_id:
            try:
                self.business_id = normalise_business_id(self.business_id)
            except ValueError:
                pass  # the field validator reports it
        if self.relation == self.Relation.INDIRECT and not self.direct_customer_id:
            errors["direct_customer"] = _("An indirect customer needs the direct customer it is served through.")
        if self.relation == self.Relation.DIRECT and self.direct_customer_id:
            errors["direct_customer"] = _("Only an indirect customer is linked to a direct customer.")
        if self.pk and self.direct_customer_id == self.pk:
            errors["direct_customer"] = _("An organisation cannot be its own direct customer.")
        if self.customer_group in GROUPS_NEEDING_A_UNIT and not self.responsible_unit_id:
            errors["responsible_unit"] = _(
                "Choose the responsible unit: a business or public-sector customer always has one."
            )
        if errors:
            raise ValidationError(errors)

    def active_agreement(self, on=None):
        on = on or timezone.localdate()
        return (
            self.agreements.filter(start_date__lte=on)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
            .order_by("-start_date")
            .first()
        )


class PartnershipAgreement(models.Model):
    """Kumppanuussopimus: strategic customers are the partnership-agreement customers (Gradia's programme)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="agreements")
    title = models.CharField(_("title"), max_length=255)
    start_date = models.DateField(_("start date"), validators=date_in_range_validators())
    end_date = models.DateField(_("end date"), null=True, blank=True, validators=date_in_range_validators())
    # Checked by content when uploaded (crm/uploads.py) and served only through crm's document view.
    document = AgreementDocumentField(
        _("document"), upload_to="agreements/%Y/", blank=True, validators=[validate_document]
    )
    # Set when a stored document fails the check (check_agreement_documents): it is then withheld, not served.
    document_quarantine = models.CharField(
        _("document withheld because"), max_length=20, choices=QuarantineReason.choices, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partnership agreement")
        verbose_name_plural = _("partnership agreements")
        ordering = ["-start_date"]
        indexes = [models.Index(fields=["organisation", "start_date"], name="agreement_org_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="agreement_end_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
        # A new upload (checked by the field's validator) or no document at all: nothing is withheld any more.
        if not self.document or not self.document._committed:
            self.document_quarantine = ""

    @property
    def document_servable(self) -> bool:
        return bool(self.document) and not self.document_quarantine

    def is_active(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)


class AccountTeamAssignment(models.Model):
    """Who was responsible for (or deputy to) a customer, from when to when."""

    class Role(models.TextChoices):
        MANAGER = "manager", _("Account manager")
        DEPUTY = "deputy", _("Deputy")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="team_assignments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="team_assignments")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    valid_from = models.DateTimeField(_("from"), default=timezone.now)
    valid_to = models.DateTimeField(_("to"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("account team assignment")
        verbose_name_plural = _("account team assignments")
        ordering = ["-valid_from"]
        indexes = [models.Index(fields=["organisation", "role", "valid_from"], name="team_org_role_from")]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "role"], condition=Q(valid_to__isnull=True), name="one_current_per_team_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.user} ({self.get_role_display()})"
