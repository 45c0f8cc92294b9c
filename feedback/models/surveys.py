"""Surveys, their optional questions, and the invitations sent to contact persons."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.messages import localised
from kumppani.web.dates import date_in_range_validators

RECOMMEND_FI = "Kuinka todennäköisesti suosittelisit meitä kollegalle tai yhteistyökumppanille?"
RECOMMEND_EN = "How likely are you to recommend us to a colleague or partner?"
RECOMMEND_SV = "Hur sannolikt är det att du skulle rekommendera oss till en kollega eller samarbetspartner?"
WHY_FI = "Miksi annoit tämän arvion?"
WHY_EN = "Why did you give this score?"
WHY_SV = "Varför gav du detta betyg?"


class Survey(models.Model):
    class Kind(models.TextChoices):
        DELIVERY = "delivery", _("NPS after a delivery")
        FOLLOW_UP = "follow_up", _("NPS after an after-care follow-up")
        COURSE = "course", _("Course feedback")
        CAMPAIGN = "campaign", _("Campaign")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    recommend_fi = models.CharField(_("recommendation question (Finnish)"), max_length=300, default=RECOMMEND_FI)
    recommend_en = models.CharField(
        _("recommendation question (English)"), max_length=300, blank=True, default=RECOMMEND_EN
    )
    recommend_sv = models.CharField(
        _("recommendation question (Swedish)"), max_length=300, blank=True, default=RECOMMEND_SV
    )
    why_fi = models.CharField(_("why question (Finnish)"), max_length=300, default=WHY_FI)
    why_en = models.CharField(_("why question (English)"), max_length=300, blank=True, default=WHY_EN)
    why_sv = models.CharField(_("why question (Swedish)"), max_length=300, blank=True, default=WHY_SV)
    opens_on = models.DateField(_("opens"), default=timezone.localdate, validators=date_in_range_validators())
    closes_on = models.DateField(
        _("closes"),
        null=True,
        blank=True,
        validators=date_in_range_validators(),
        help_text=_("Invitations can be answered until the end of this day. Empty: open until further notice."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-opens_on", "name"]
        indexes = [models.Index(fields=["kind", "is_active", "opens_on"], name="survey_kind_open")]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__isnull=True) | Q(closes_on__gte=models.F("opens_on")),
                name="survey_closes_after_opening",
                violation_error_message=_("A survey cannot close before it opens."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("feedback:survey_edit", args=[self.pk])

    @property
    def recommend(self) -> str:
        return localised(self, "recommend")

    @property
    def why(self) -> str:
        return localised(self, "why")

    def closes_at(self) -> datetime.datetime | None:
        """The end of the closing day in Finnish time (aware)."""
        if self.closes_on is None:
            return None
        end = datetime.datetime.combine(self.closes_on + datetime.timedelta(days=1), datetime.time())
        return timezone.make_aware(end)

    @classmethod
    def open_of_kind(cls, kind: str, today: datetime.date) -> "Survey | None":
        """The survey a trigger of `kind` uses today: the latest opened one that is active and not closed."""
        return (
            cls.objects.filter(kind=kind, is_active=True, opens_on__lte=today)
            .filter(Q(closes_on__isnull=True) | Q(closes_on__gte=today))
            .order_by("-opens_on", "-pk")
            .first()
        )


class Question(models.Model):
    """An optional question after the recommendation and "why": a 1-5 scale, a choice or a free text."""

    class Kind(models.TextChoices):
        SCALE = "scale", _("Scale 1–5")
        CHOICE = "choice", _("Choice")
        TEXT = "text", _("Text")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text_fi = models.CharField(_("question (Finnish)"), max_length=300)
    text_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    text_sv = models.CharField(_("question (Swedish)"), max_length=300, blank=True)
    choices_fi = models.TextField(_("choices (Finnish), one a line"), blank=True)
    choices_en = models.TextField(_("choices (English), one a line"), blank=True)
    choices_sv = models.TextField(_("choices (Swedish), one a line"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")
        ordering = ["survey", "order", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return localised(self, "text")

    def choice_list(self) -> list[str]:
        """The choices in the reader's language (Finnish ones where that list is empty)."""
        return [line.strip() for line in localised(self, "choices").splitlines() if line.strip()]


class Invitation(models.Model):
    """One survey to one contact person about one delivery or follow-up: sent once, answered once.

    A trigger that finds nobody to ask writes a row without a contact, status "not sent" and the reason, so My
    work can say why no survey went out.
    """

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        SENT = "sent", _("Sent")
        ANSWERED = "answered", _("Answered")
        NOT_SENT = "not_sent", _("Not sent")

    class Reason(models.TextChoices):
        NO_CONTACT = "no_contact", _("no contact person is named and the customer has no decision-maker")
        NO_EMAIL = "no_email", _("the contact person has no e-mail address")
        REFUSED = "refused", _("the contact person has refused surveys")
        RECENTLY_ASKED = "recently_asked", _("the contact person was surveyed recently")
        CLOSED = "closed", _("the survey closed before it was sent")

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="invitations")
    organisation = models.ForeignKey("crm.Organisation", on_delete=models.PROTECT, related_name="+")
    contact = models.ForeignKey("crm.Contact", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    delivery = models.ForeignKey("crm.Delivery", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    follow_up = models.ForeignKey(
        "care_plans.FollowUp", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    reason = models.CharField(_("why not sent"), max_length=20, choices=Reason.choices, blank=True)
    language = models.CharField(_("language"), max_length=2, default="fi")
    send_after = models.DateTimeField(_("send after"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    link = models.ForeignKey("links.PublicLink", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    dismissed_at = models.DateTimeField(_("dismissed"), null=True, blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "send_after"], name="invitation_due"),
            models.Index(fields=["status", "sent_at"], name="invitation_sent"),
            models.Index(fields=["contact", "created_at"], name="invitation_contact"),
            models.Index(fields=["organisation", "status"], name="invitation_org"),
            models.Index(fields=["survey", "status"], name="invitation_survey"),
        ]
        constraints = [
            # At most once per (survey, delivery or follow-up) and person, whatever runs twice.
            models.UniqueConstraint(
                fields=["survey", "delivery", "contact"],
                condition=Q(delivery__isnull=False, contact__isnull=False),
                name="one_invitation_per_delivery_contact",
            ),
            models.UniqueConstraint(
                fields=["survey", "follow_up", "contact"],
                condition=Q(follow_up__isnull=False, contact__isnull=False),
                name="one_invitation_per_followup_contact",
            ),
            models.UniqueConstraint(
                fields=["survey", "delivery"],
                condition=Q(delivery__isnull=False, contact__isnull=True),
                name="one_unsent_note_per_delivery",
            ),
            models.UniqueConstraint(
                fields=["survey", "follow_up"],
                condition=Q(follow_up__isnull=False, contact__isnull=True),
                name="one_unsent_note_per_followup",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey} → {self.contact or self.organisation}"

    def get_absolute_url(self) -> str:
        return reverse("crm:organisation_detail", args=[self.organisation_id]) + "#feedback-heading"

    @property
    def subject(self):
        """What the survey asks about: the delivery or the follow-up."""
        return self.delivery or self.follow_up
