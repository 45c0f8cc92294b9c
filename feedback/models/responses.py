"""Answers: to a survey (a 0-10 score) or heard directly by staff (positive or negative), and the loop they open."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from feedback.models.configuration import CATEGORY_CHOICES, LoopRule
from feedback.models.surveys import Invitation, Question, Survey
from kumppani.web.dates import date_in_range_validators

COMMENT_MAX = 10_000  # a 10,000-character comment is kept whole; the form refuses a longer one


class Response(models.Model):
    """One answer, with what figures group by as it was at that time (unit, account manager, role, segment)."""

    class Source(models.TextChoices):
        SURVEY = "survey", _("Survey")
        DIRECT = "direct", _("Direct feedback")

    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.SURVEY)
    survey = models.ForeignKey(Survey, null=True, blank=True, on_delete=models.PROTECT, related_name="responses")
    invitation = models.OneToOneField(
        Invitation, null=True, blank=True, on_delete=models.PROTECT, related_name="response"
    )
    organisation = models.ForeignKey("crm.Organisation", on_delete=models.PROTECT, related_name="feedback")
    contact = models.ForeignKey("crm.Contact", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    delivery = models.ForeignKey("crm.Delivery", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    follow_up = models.ForeignKey(
        "care_plans.FollowUp", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    score = models.PositiveSmallIntegerField(
        _("score"), null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    # promoter / passive / detractor of a score; blank for direct feedback (which has `positive` instead).
    category = models.CharField(_("category"), max_length=10, choices=CATEGORY_CHOICES, blank=True)
    positive = models.BooleanField(_("positive"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    # The respondent and the customer as they were when answering.
    role = models.ForeignKey(
        "crm.ContactRole", verbose_name=_("respondent's role"), null=True, blank=True, on_delete=models.PROTECT
    )
    is_decision_maker = models.BooleanField(_("decision-maker"), default=False)
    service_type = models.ForeignKey(
        "crm.ServiceType", verbose_name=_("service type"), null=True, blank=True, on_delete=models.PROTECT
    )
    unit = models.ForeignKey(
        "accounts.OrgUnit", verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    account_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account manager"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    customer_group = models.CharField(_("customer group"), max_length=20, blank=True)
    segment = models.CharField(_("segment"), max_length=20, blank=True)
    language = models.CharField(_("language"), max_length=2, default="fi")
    answered_at = models.DateTimeField(_("answered"), default=timezone.now)
    # Direct feedback: who logged it, the corrective action and who follows it up.
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    corrective_action = models.TextField(_("corrective action"), blank=True)
    followed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("followed up by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("feedback answer")
        verbose_name_plural = _("feedback answers")
        ordering = ["-answered_at", "-pk"]
        indexes = [
            models.Index(fields=["answered_at"], name="response_time"),
            models.Index(fields=["organisation", "answered_at"], name="response_org_time"),
            models.Index(fields=["unit", "answered_at"], name="response_unit_time"),
            models.Index(fields=["account_manager", "answered_at"], name="response_manager_time"),
            models.Index(fields=["source", "answered_at"], name="response_source_time"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=10), name="response_score_0_10"
            ),
            # A survey answer has a score; direct feedback says whether it was positive.
            models.CheckConstraint(
                condition=Q(source="survey", score__isnull=False) | Q(source="direct", positive__isnull=False),
                name="response_score_or_tone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.score if self.score is not None else self.get_positive_display()}"

    def get_absolute_url(self) -> str:
        return reverse("feedback:response_detail", args=[self.pk])

    def get_positive_display(self) -> str:
        return str(_("Positive") if self.positive else _("Negative"))


class Answer(models.Model):
    """An answer to one optional question: the scale's number, the choice's text or the free text."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    value = models.TextField(_("answer"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")]

    def __str__(self) -> str:
        return self.value[:50]


class LoopAction(models.Model):
    """feedback's own follow-up of an answer, for the customer's account manager (not an after-care follow-up)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    class Channel(models.TextChoices):
        PHONE = "phone", _("Phone")
        MEETING = "meeting", _("Meeting")
        EMAIL = "email", _("E-mail")
        NOT_REACHED = "not_reached", _("Not reached")

    response = models.OneToOneField(Response, on_delete=models.PROTECT, related_name="action")
    organisation = models.ForeignKey("crm.Organisation", on_delete=models.PROTECT, related_name="+")
    rule = models.ForeignKey(LoopRule, on_delete=models.PROTECT, related_name="+")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="+"
    )
    due_date = models.DateField(_("due date"), validators=date_in_range_validators())
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    contacted_on = models.DateField(_("contacted on"), null=True, blank=True, validators=date_in_range_validators())
    channel = models.CharField(_("how"), max_length=20, choices=Channel.choices, blank=True)
    agreed = models.TextField(_("what was agreed"), blank=True)
    corrective_action = models.TextField(_("corrective action"), blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("feedback follow-up")
        verbose_name_plural = _("feedback follow-ups")
        ordering = ["due_date", "pk"]
        indexes = [
            models.Index(fields=["owner", "status", "due_date"], name="loopaction_owner_due"),
            models.Index(fields=["status", "due_date"], name="loopaction_status_due"),
            models.Index(fields=["organisation", "status"], name="loopaction_org"),
        ]

    def __str__(self) -> str:
        return f"{self.rule.title}: {self.organisation}"

    def get_absolute_url(self) -> str:
        return reverse("feedback:action_detail", args=[self.pk])

    @property
    def closed_on_time(self) -> bool | None:
        if self.closed_at is None:
            return None
        return timezone.localdate(self.closed_at) <= self.due_date
