"""Follow-ups someone owes the customer (after-care, a change of manager) and the needs they find."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.messages import render_message, render_message_html
from care_plans.models.choices import FOLLOW_UP_CHANNELS, Status
from care_plans.models.configuration import AfterCareStep
from kumppani.web.dates import date_in_range_validators


class FollowUp(models.Model):
    """A contact with the customer someone owes: after a delivery (after-care) or after a change of manager."""

    Status = Status

    class Kind(models.TextChoices):
        AFTER_CARE = "after_care", _("After-care")
        MANAGER_CHANGE = "manager_change", _("New account manager")
        ANNUAL_REVIEW = "annual_review", _("Annual review")
        STEERING_MEETING = "steering_meeting", _("Steering group meeting")
        PROGRESS_CHECK = "progress_check", _("Progress check")
        RESPONSIBLE_CHANGE = "responsible_change", _("New responsible person")
        REFERRAL = "referral", _("Referral outcome")
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
    due_date = models.DateField(_("due date"), validators=date_in_range_validators())
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    # The after-care model's questions, answered when the contact is made.
    went_customer = models.TextField(_("how the service went, in the customer's view"), blank=True)
    went_ours = models.TextField(_("how the service went, in our view"), blank=True)
    need_reassessment = models.TextField(_("the service need re-assessed"), blank=True)
    services_presented = models.TextField(_("services presented"), blank=True)
    feedback = models.TextField(_("free feedback"), blank=True)
    channel = models.CharField(_("channel used"), max_length=20, choices=FOLLOW_UP_CHANNELS, blank=True)
    # "No need now" still leaves the customer a named person to turn to (the after-care thesis, 2015).
    no_need_now = models.BooleanField(_("no need now"), default=False)
    named_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("the customer's contact person with us"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Whom at the customer the follow-up reached: asked for feedback once it is done.
    contact = models.ForeignKey(
        "crm.Contact",
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
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
        if self.no_need_now and not self.named_contact_id:
            raise ValidationError(
                {"named_contact": _("No need now: name the person the customer can turn to with us.")}
            )


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

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("new need")
        verbose_name_plural = _("new needs")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.description
