"""Care plans, steering groups and their meetings, and the actions a plan schedules."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from care_plans.models.choices import Channel, Status
from kumppani.web.dates import date_in_range_validators
from kumppani.web.formatting import format_date


class CarePlan(models.Model):
    """Asiakkuudenhoitosuunnitelma: one template for every customer's plan (the City of Turku care-plan practice)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Active")
        UNDER_REVIEW = "under_review", _("Under review")
        CLOSED = "closed", _("Closed")

    organisation = models.ForeignKey("crm.Organisation", on_delete=models.PROTECT, related_name="care_plans")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="care_plans"
    )
    customer_goals = models.TextField(_("the customer's goals"), blank=True)
    our_goals = models.TextField(_("our goals"), blank=True)
    services_to_offer = models.ManyToManyField(
        "crm.ServiceType", verbose_name=_("services to offer"), blank=True, related_name="+"
    )
    services_notes = models.TextField(_("services to offer: notes"), blank=True)
    channels = models.JSONField(_("channels"), default=list, blank=True)
    contact_interval_months = models.PositiveSmallIntegerField(
        _("contact interval (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty to follow the segment's care model."),
    )
    review_date = models.DateField(_("review date"), null=True, blank=True, validators=date_in_range_validators())
    last_reviewed_at = models.DateTimeField(_("last reviewed"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(m2m_fields=[services_to_offer])

    class Meta:
        verbose_name = _("care plan")
        verbose_name_plural = _("care plans")
        ordering = ["review_date", "pk"]
        indexes = [
            models.Index(fields=["status", "review_date"], name="careplan_status_review"),
            models.Index(fields=["owner", "status", "review_date"], name="careplan_owner_review"),
            models.Index(fields=["organisation", "status"], name="careplan_org_status"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=~Q(status="closed"),
                name="one_open_care_plan_per_organisation",
                violation_error_message=_("This customer already has a care plan that is not closed."),
            )
        ]

    def __str__(self) -> str:
        return str(_("Care plan: %(organisation)s") % {"organisation": self.organisation})

    def get_absolute_url(self) -> str:
        return reverse("care_plans:plan_detail", args=[self.pk])

    def channel_labels(self) -> list[str]:
        labels = dict(Channel.choices)
        return [str(labels.get(code, code)) for code in self.channels]


class SteeringGroup(models.Model):
    """Ohjausryhmä of a larger cooperation (Omnia's customer strategy) or a project (the City of Turku practice)."""

    class Kind(models.TextChoices):
        COOPERATION = "cooperation", _("Staff-training cooperation")
        PROJECT = "project", _("Project")

    organisation = models.ForeignKey("crm.Organisation", on_delete=models.PROTECT, related_name="steering_groups")
    plan = models.ForeignKey(
        CarePlan, verbose_name=_("care plan"), null=True, blank=True, on_delete=models.SET_NULL, related_name="groups"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COOPERATION)
    purpose = models.TextField(_("purpose"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("steering group")
        verbose_name_plural = _("steering groups")
        ordering = ["name"]
        indexes = [models.Index(fields=["organisation", "is_active"], name="steering_org_active")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("care_plans:group_detail", args=[self.pk])


class SteeringGroupMember(models.Model):
    class Role(models.TextChoices):
        EMPLOYER = "employer", _("Employer representative")
        STUDENT = "student", _("Student representative")
        SCHOOL = "school", _("School representative")
        CHAIR = "chair", _("Chair")
        SECRETARY = "secretary", _("Secretary")
        OTHER = "other", _("Other")

    group = models.ForeignKey(SteeringGroup, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    duties = models.CharField(_("duties"), max_length=300, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="steering_memberships",
        help_text=_("When the member is one of our staff."),
    )
    contact = models.ForeignKey(
        "crm.Contact", verbose_name=_("contact person"), null=True, blank=True, on_delete=models.SET_NULL
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("steering group member")
        verbose_name_plural = _("steering group members")
        ordering = ["role", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class Meeting(models.Model):
    group = models.ForeignKey(SteeringGroup, on_delete=models.PROTECT, related_name="meetings")
    starts_at = models.DateTimeField(_("starts"), validators=date_in_range_validators())
    duration_minutes = models.PositiveIntegerField(
        _("duration (minutes)"), default=90, validators=[MinValueValidator(1), MaxValueValidator(24 * 60)]
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["group", "-starts_at"], name="meeting_group_time")]

    def __str__(self) -> str:
        return f"{self.group}: {format_date(self.starts_at)}"

    def get_absolute_url(self) -> str:
        return reverse("care_plans:meeting_detail", args=[self.pk])


class PlanAction(models.Model):
    """A planned action of a care plan, or an action a steering-group meeting decided."""

    Status = Status

    organisation = models.ForeignKey("crm.Organisation", on_delete=models.PROTECT, related_name="care_actions")
    plan = models.ForeignKey(CarePlan, null=True, blank=True, on_delete=models.CASCADE, related_name="actions")
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="care_actions"
    )
    due_date = models.DateField(_("due date"), validators=date_in_range_validators())
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("planned action")
        verbose_name_plural = _("planned actions")
        ordering = ["due_date", "pk"]
        indexes = [
            models.Index(fields=["status", "due_date"], name="careaction_status_due"),
            models.Index(fields=["owner", "status", "due_date"], name="careaction_owner_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(plan__isnull=False) | Q(meeting__isnull=False), name="careaction_has_plan_or_meeting"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        if self.plan_id:
            return reverse("care_plans:plan_detail", args=[self.plan_id]) + f"#action-{self.pk}"
        return reverse("care_plans:meeting_detail", args=[self.meeting_id]) + f"#action-{self.pk}"


class ManagementReview(models.Model):
    """Management reviewed a key or strategic customer's care plan in its meeting (Omnia's customer strategy)."""

    plan = models.ForeignKey(CarePlan, on_delete=models.PROTECT, related_name="management_reviews")
    reviewed_on = models.DateField(_("reviewed on"), validators=date_in_range_validators())
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("management review")
        verbose_name_plural = _("management reviews")
        ordering = ["-reviewed_on", "-pk"]
        indexes = [models.Index(fields=["plan", "-reviewed_on"], name="mgmtreview_plan_date")]

    def __str__(self) -> str:
        return f"{self.plan}: {format_date(self.reviewed_on)}"
