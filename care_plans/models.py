"""Care plans, steering groups, after-care follow-ups and their reminders."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.messages import localised, render_message, render_message_html
from kumppani.web.formatting import format_date


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    MEETING = "meeting", _("Meeting")
    EMAIL = "email", _("E-mail")
    VIDEO = "video", _("Video call")
    EVENT = "event", _("Event")
    NEWSLETTER = "newsletter", _("Newsletter")


# The channels an after-care contact is made in: personally, by phone or in a meeting; e-mail gets lost
# (the after-care thesis, Pirkanmaa TE office 2015).
FOLLOW_UP_CHANNELS = [(c.value, c.label) for c in (Channel.PHONE, Channel.MEETING, Channel.EMAIL, Channel.VIDEO)]


# --- Settings rows admins edit -------------------------------------------------------------------------------


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


# --- Care plans ----------------------------------------------------------------------------------------------


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
    review_date = models.DateField(_("review date"), null=True, blank=True)
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
    starts_at = models.DateTimeField(_("starts"))
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


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


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
    due_date = models.DateField(_("due date"))
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


# --- After-care ----------------------------------------------------------------------------------------------


class FollowUp(models.Model):
    """A contact with the customer someone owes: after a delivery (after-care) or after a change of manager."""

    Status = Status

    class Kind(models.TextChoices):
        AFTER_CARE = "after_care", _("After-care")
        MANAGER_CHANGE = "manager_change", _("New account manager")
        OTHER = "other", _("Other")

    organisation = models.ForeignKey("crm.Organisation", on_delete=models.PROTECT, related_name="follow_ups")
    delivery = models.ForeignKey(
        "crm.Delivery", null=True, blank=True, on_delete=models.PROTECT, related_name="follow_ups"
    )
    step = models.ForeignKey(AfterCareStep, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.AFTER_CARE)
    # A title the system writes is a message (accounts.messages) shown in the reader's language; `title` keeps
    # its Finnish text for the admin and search, and is shown as it is when there is no message.
    title = models.CharField(_("title"), max_length=300)
    title_code = models.CharField(_("title message"), max_length=60, blank=True, default="")
    title_params = models.JSONField(_("title message parameters"), default=dict, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="follow_ups"
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    # The after-care model's questions, answered when the contact is made.
    went_customer = models.TextField(_("how the service went, in the customer's view"), blank=True)
    went_ours = models.TextField(_("how the service went, in our view"), blank=True)
    need_reassessment = models.TextField(_("the service need re-assessed"), blank=True)
    services_presented = models.TextField(_("services presented"), blank=True)
    feedback = models.TextField(_("free feedback"), blank=True)
    channel = models.CharField(_("channel used"), max_length=20, choices=FOLLOW_UP_CHANNELS, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True, editable=False)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_date", "pk"]
        indexes = [
            models.Index(fields=["status", "due_date"], name="followup_status_due"),
            models.Index(fields=["owner", "status", "due_date"], name="followup_owner_due"),
            models.Index(fields=["organisation", "status"], name="followup_org_status"),
        ]
        constraints = [
            # A delivery completed twice (or a signal received twice) still gets each step once.
            models.UniqueConstraint(fields=["delivery", "step"], name="one_followup_per_delivery_step")
        ]

    def __str__(self) -> str:
        return self.display_title

    def get_absolute_url(self) -> str:
        return reverse("care_plans:followup_detail", args=[self.pk])

    def set_title(self, message: dict) -> None:
        """Title the follow-up with a built message; `title` gets its Finnish text."""
        self.title_code, self.title_params = message["code"], message["params"]
        with translation.override(settings.LANGUAGE_CODE):
            self.title = render_message(self.title_code, self.title_params)[:300]

    @property
    def display_title(self) -> str:
        return render_message(self.title_code, self.title_params, legacy=self.title)

    @property
    def display_title_html(self):
        return render_message_html(self.title_code, self.title_params, legacy=self.title)

    def clean(self) -> None:
        if self.status == Status.DONE and not self.channel:
            raise ValidationError({"channel": _("Tell which channel the contact was made in.")})


class NewNeed(models.Model):
    """A need found in a follow-up; one click turns it into a lead or an offer."""

    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="needs")
    organisation = models.ForeignKey("crm.Organisation", on_delete=models.PROTECT, related_name="+")
    description = models.CharField(_("need"), max_length=500)
    lead = models.ForeignKey(
        "leads.Lead",
        verbose_name=_("lead"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    offer = models.ForeignKey(
        "leads.Offer",
        verbose_name=_("offer"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    converted_at = models.DateTimeField(_("converted"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("new need")
        verbose_name_plural = _("new needs")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.description


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """The secret address of a person's iCalendar feed of follow-ups and meetings."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="care_calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)

    def get_absolute_url(self) -> str:
        return reverse("care_plans:calendar_feed", args=[self.token])
