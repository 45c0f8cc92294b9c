"""Leads that teachers pass after workplace visits: settings, routes, the lead and its history.

State rules live on the models (`Lead.can_move_to`); leads.services does the writing.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.messages import RenderedMessage
from kumppani.web.dates import date_in_range_validators


class LeadSettings(models.Model):
    """Admin-editable lead numbers. The sources give no reply times: these defaults are Kumppani's own. One row."""

    contact_within_working_days = models.PositiveSmallIntegerField(
        _("contact within (working days)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_(
            "Kumppani's default, not from the sources. A lead not contacted by the end of this many working days "
            "(Finnish public holidays excluded) reminds its assignee."
        ),
    )
    escalate_after_working_days = models.PositiveSmallIntegerField(
        _("then escalate after (working days)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_(
            "Still not contacted this many working days after the first reminder's due date: the unit's head is told."
        ),
    )
    offer_validity_days = models.PositiveSmallIntegerField(
        _("offer valid for (days)"), default=30, validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lead settings")
        verbose_name_plural = _("lead settings")

    def __str__(self) -> str:
        return str(_("Lead settings"))

    @classmethod
    def load(cls) -> "LeadSettings":
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj


class Need(models.TextChoices):
    STAFF_TRAINING = "staff_training", _("Staff training")
    APPRENTICESHIP = "apprenticeship", _("Apprenticeship")
    RECRUITMENT = "recruitment", _("Recruitment")
    ON_THE_JOB_LEARNING = "on_the_job_learning", _("On-the-job learning places")
    OTHER = "other", _("Other")


# The service type an offer line or a delivery starts with when a lead of this need converts.
NEED_SERVICE_TYPE = {
    Need.STAFF_TRAINING: "staff_training",
    Need.APPRENTICESHIP: "apprenticeship",
    Need.RECRUITMENT: "recruitment_training",
    Need.ON_THE_JOB_LEARNING: "on_the_job_learning",
    Need.OTHER: "other",
}


class LeadRoute(models.Model):
    """Which unit's triage queue gets a need's leads when the organisation has no account manager."""

    need = models.CharField(_("need"), max_length=30, choices=Need.choices, unique=True)
    unit = models.ForeignKey("accounts.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lead route")
        verbose_name_plural = _("lead routes")
        ordering = ["need"]

    def __str__(self) -> str:
        return f"{self.get_need_display()} → {self.unit}"


class Lead(models.Model):
    class State(models.TextChoices):
        NEW = "new", _("New")
        ASSIGNED = "assigned", _("Assigned")
        CONTACTED = "contacted", _("Contacted")
        QUALIFIED = "qualified", _("Qualified")
        CONVERTED = "converted", _("Converted")
        CLOSED = "closed", _("Closed")

    class CloseReason(models.TextChoices):
        NOT_RELEVANT = "not_relevant", _("Not relevant")
        DUPLICATE = "duplicate", _("Duplicate")
        NO_NEED_NOW = "no_need_now", _("No need now")

    class Urgency(models.TextChoices):
        LOW = "low", _("Not urgent")
        NORMAL = "normal", _("Within weeks")
        HIGH = "high", _("Urgent")

    class ConvertedTo(models.TextChoices):
        OFFER = "offer", _("Offer")
        DELIVERY = "delivery", _("Delivery")

    # Who may move a lead where: (from) -> {to}. Closing is possible from every open state.
    TRANSITIONS = {
        State.NEW: {State.ASSIGNED, State.CONTACTED, State.CLOSED},
        State.ASSIGNED: {State.ASSIGNED, State.CONTACTED, State.CLOSED},
        State.CONTACTED: {State.QUALIFIED, State.CLOSED},
        State.QUALIFIED: {State.CONVERTED, State.CLOSED},
        State.CONVERTED: set(),
        State.CLOSED: set(),
    }
    OPEN_STATES = (State.NEW, State.ASSIGNED, State.CONTACTED, State.QUALIFIED)
    UNCONTACTED_STATES = (State.NEW, State.ASSIGNED)

    organisation = models.ForeignKey(
        "crm.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="leads",
    )
    # A teacher's "not in the register": the account manager links or creates it when qualifying.
    new_organisation_name = models.CharField(_("new organisation"), max_length=255, blank=True)
    new_business_id = models.CharField(_("business ID of the new organisation"), max_length=9, blank=True)
    need = models.CharField(_("need"), max_length=30, choices=Need.choices)
    description = models.TextField(_("what was noticed"))
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_details = models.CharField(_("contact person's phone or e-mail"), max_length=200, blank=True)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    visited_on = models.DateField(_("workplace visit"), null=True, blank=True, validators=date_in_range_validators())

    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.NEW)
    close_reason = models.CharField(_("reason for closing"), max_length=20, choices=CloseReason.choices, blank=True)
    converted_to = models.CharField(_("converted to"), max_length=10, choices=ConvertedTo.choices, blank=True)
    delivery = models.ForeignKey(
        "crm.Delivery", verbose_name=_("delivery"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    passed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("passed by"), on_delete=models.PROTECT, related_name="passed_leads"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_leads",
    )
    unit = models.ForeignKey(
        "accounts.OrgUnit", verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    created_at = models.DateTimeField(_("passed"), default=timezone.now, editable=False)
    assigned_at = models.DateTimeField(_("assigned"), null=True, blank=True, editable=False)
    contacted_at = models.DateTimeField(_("first contact"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed or converted"), null=True, blank=True, editable=False)
    # Stored at passing from LeadSettings (DESIGN.md "Store what lists filter on"): the reminder job's index.
    contact_due_on = models.DateField(_("contact due"), null=True, blank=True, editable=False)
    escalate_on = models.DateField(_("escalation due"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The lead list's order: its first page reads 25 index entries instead of sorting every lead.
            models.Index(fields=["-created_at", "-id"], name="lead_created_desc"),
            models.Index(fields=["passed_by", "-created_at"], name="lead_passed_by_time"),
            models.Index(fields=["assignee", "state"], name="lead_assignee_state"),
            models.Index(fields=["unit", "state"], name="lead_unit_state"),
            models.Index(fields=["organisation", "-created_at"], name="lead_org_time"),
            models.Index(
                fields=["contact_due_on"],
                condition=Q(contacted_at__isnull=True, state__in=["new", "assigned"]),
                name="lead_uncontacted_due",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | ~Q(new_organisation_name=""),
                name="lead_names_an_organisation",
                violation_error_message=_("Name the organisation."),
            ),
            models.CheckConstraint(
                condition=Q(state="closed", close_reason__in=["not_relevant", "duplicate", "no_need_now"])
                | (~Q(state="closed") & Q(close_reason="")),
                name="lead_closed_with_reason",
                violation_error_message=_("A closed lead needs a reason; an open one has none."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_name}: {self.get_need_display()}"

    def get_absolute_url(self) -> str:
        return reverse("leads:lead_detail", args=[self.pk])

    @property
    def organisation_name(self) -> str:
        return self.organisation.name if self.organisation_id else self.new_organisation_name

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    def can_move_to(self, state: str) -> bool:
        return state in self.TRANSITIONS.get(self.state, set())

    @property
    def outcome_text(self) -> str:
        """What became of the lead, in words a teacher may see (no euros, no contact details)."""
        if self.state == self.State.CONVERTED:
            if self.converted_to == self.ConvertedTo.DELIVERY:
                return str(_("Converted: the customer gets a delivery"))
            return str(_("Converted to an offer"))
        if self.state == self.State.CLOSED:
            return str(_("Closed: %(reason)s")) % {"reason": self.get_close_reason_display()}
        if self.state == self.State.CONTACTED:
            return str(_("The customer has been contacted"))
        if self.state == self.State.QUALIFIED:
            return str(_("A real need: an offer is being prepared"))
        if self.state == self.State.ASSIGNED:
            return str(_("Waiting for the first contact"))
        return str(_("In the triage queue"))

    def clean(self) -> None:
        if not self.organisation_id and not self.new_organisation_name.strip():
            raise ValidationError({"new_organisation_name": _("Name the organisation.")})
        if self.state == self.State.CLOSED and not self.close_reason:
            raise ValidationError({"close_reason": _("Give the reason for closing.")})


class LeadEvent(RenderedMessage, models.Model):
    """The lead's own history line by line (a lead for a new organisation has no timeline of its own yet).

    What happened is a message code with parameters (accounts.messages); `note` is what the person typed.
    """

    message_fields = ("code", "params", "summary")

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="events")
    occurred_at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    state = models.CharField(_("state"), max_length=20, choices=Lead.State.choices)
    code = models.CharField(_("message"), max_length=60, blank=True, default="")
    params = models.JSONField(_("message parameters"), default=dict, blank=True)
    # The text of events written before message codes (see `manage.py messages_to_codes`).
    summary = models.CharField(_("summary"), max_length=300, blank=True, default="")
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("lead event")
        verbose_name_plural = _("lead events")
        ordering = ["occurred_at", "id"]
        indexes = [models.Index(fields=["lead", "occurred_at"], name="leadevent_lead_time")]

    def __str__(self) -> str:
        return self.rendered
