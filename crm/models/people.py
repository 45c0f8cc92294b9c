"""Contact persons at a customer organisation."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Contact(models.Model):
    class Language(models.TextChoices):
        FINNISH = "fi", _("Finnish")
        SWEDISH = "sv", _("Swedish")
        ENGLISH = "en", _("English")

    organisation = models.ForeignKey("crm.Organisation", on_delete=models.PROTECT, related_name="contacts")
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    title = models.CharField(_("title"), max_length=200, blank=True)
    work_role = models.CharField(
        _("work role"), max_length=200, blank=True, help_text=_("E.g. HR, workplace instructor, managing director.")
    )
    # The role from the admin-edited list (survey figures group by it); `work_role` is the free-text title.
    role = models.ForeignKey(
        "crm.ContactRole", verbose_name=_("role"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_decision_maker = models.BooleanField(_("decision-maker"), default=False)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    # The language mail to this person is written in; what they want to receive is in `preferences`.
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.FINNISH)
    is_active = models.BooleanField(_("active"), default=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["last_name", "first_name"]
        indexes = [
            models.Index(fields=["organisation", "last_name"], name="contact_org_name"),
            models.Index(fields=["email"], name="contact_email"),
            # The retention review: contacts not anonymised, oldest first.
            models.Index(
                fields=["created_at"], condition=models.Q(anonymised_at__isnull=True), name="contact_retention"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("crm:organisation_detail", args=[self.organisation_id]) + f"#contact-{self.pk}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()
