"""Forms validate and normalise; services write."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accounts.idempotency import IdempotentFormMixin
from accounts.roles import Role
from care_plans.models import (
    CarePlan,
    Channel,
    FollowUp,
    Meeting,
    PlanAction,
    Referral,
    ServiceStart,
    SteeringGroup,
    SteeringGroupMember,
)
from crm.models import Contact, CustomerGroup, Organisation, ServiceType
from kumppani.web.concurrent_edits import VersionedFormMixin
from kumppani.web.dates import BoundedDateField, BoundedDateFilter
from reminders.models import ReminderPreference

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def staff_users():
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[Role.ACCOUNT_MANAGER, Role.TEACHER, Role.MANAGEMENT])
        .distinct()
        .order_by("last_name", "first_name")
    )


class FollowUpForm(forms.ModelForm):
    """The after-care model's questions, asked when the after-care contact is made."""

    new_needs = forms.CharField(
        label=_("New needs"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One need per line. Each can then be turned into a lead with one click."),
    )

    class Meta:
        model = FollowUp
        fields = [
            "channel",
            "contact",
            "went_customer",
            "went_ours",
            "need_reassessment",
            "services_presented",
            "feedback",
            "no_need_now",
            "named_contact",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ["went_customer", "went_ours", "need_reassessment", "services_presented", "feedback"]
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].required = True
        self.fields["channel"].widget.attrs["data-email-hint"] = "email-hint"
        self.fields["named_contact"].queryset = (
            get_user_model().objects.filter(is_active=True).order_by("first_name", "last_name")
        )
        if self.instance.pk and not self.instance.named_contact_id:
            self.initial.setdefault("named_contact", self.instance.organisation.account_manager_id)

        self.fields["contact"].queryset = Contact.objects.filter(
            organisation_id=self.instance.organisation_id, is_active=True, anonymised_at__isnull=True
        )
        self.fields["contact"].help_text = _("Asked for feedback on the follow-up afterwards.")

    def email_chosen(self) -> bool:
        return (self["channel"].value() or "") == "email"

    def clean_new_needs(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["new_needs"].splitlines() if line.strip()]


class CarePlanForm(VersionedFormMixin, IdempotentFormMixin, forms.ModelForm):
    channels = forms.MultipleChoiceField(
        label=_("Channels"), choices=Channel.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    services_to_offer = forms.ModelMultipleChoiceField(
        label=_("Services to offer"),
        queryset=ServiceType.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = CarePlan
        fields = [
            "status",
            "owner",
            "customer_goals",
            "our_goals",
            "services_to_offer",
            "services_notes",
            "channels",
            "contact_interval_months",
            "review_date",
        ]
        widgets = {
            "customer_goals": forms.Textarea(attrs={"rows": 3}),
            "our_goals": forms.Textarea(attrs={"rows": 3}),
            "services_notes": forms.Textarea(attrs={"rows": 2}),
            "review_date": DATE_INPUT,
        }

    def __init__(self, *args, rhythm_hint: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_users()
        if rhythm_hint:
            self.fields["contact_interval_months"].help_text = _(
                "Leave empty to follow the segment's care model (%(months)s months)."
            ) % {"months": rhythm_hint}


class PlanActionForm(IdempotentFormMixin, forms.ModelForm):
    class Meta:
        model = PlanAction
        fields = ["title", "owner", "due_date"]
        widgets = {"due_date": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_users()


class SteeringGroupForm(IdempotentFormMixin, forms.ModelForm):
    class Meta:
        model = SteeringGroup
        fields = ["name", "kind", "purpose", "is_active"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3})}


class MemberForm(IdempotentFormMixin, forms.ModelForm):
    class Meta:
        model = SteeringGroupMember
        fields = ["name", "role", "duties"]


class MeetingForm(VersionedFormMixin, IdempotentFormMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["starts_at", "duration_minutes", "location", "agenda", "minutes"]
        widgets = {
            "starts_at": DATETIME_INPUT,
            "agenda": forms.Textarea(attrs={"rows": 3}),
            "minutes": forms.Textarea(attrs={"rows": 6}),
        }


class ManagementReviewForm(IdempotentFormMixin, forms.Form):
    """Management's record that it reviewed a key or strategic customer's plan in its meeting."""

    reviewed_on = BoundedDateField(
        label=_("Reviewed on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class ReferralForm(IdempotentFormMixin, forms.ModelForm):
    class Meta:
        model = Referral
        fields = ["need", "provider", "contact_name", "contact_details", "arrangement"]
        widgets = {"arrangement": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = Organisation.objects.filter(
            customer_group=CustomerGroup.STAKEHOLDER, is_archived=False
        ).order_by("name")


class ServiceStartForm(VersionedFormMixin, IdempotentFormMixin, forms.ModelForm):
    class Meta:
        model = ServiceStart
        fields = ["need_assessment", "service_promise"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in ["need_assessment", "service_promise"]}


class ReminderPreferenceForm(forms.ModelForm):
    class Meta:
        model = ReminderPreference
        fields = ["email", "in_app", "daily_digest"]


class FollowUpFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=FollowUp.Status.choices, empty_label=_("All"))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=FollowUp.Kind.choices, empty_label=_("All"))
    mine = django_filters.BooleanFilter(label=_("Only mine"), method="filter_mine", widget=forms.CheckboxInput)
    due_before = BoundedDateFilter(label=_("Due by"), field_name="due_date", lookup_expr="lte", widget=DATE_INPUT)

    class Meta:
        model = FollowUp
        fields: list[str] = []

    def filter_mine(self, queryset, name, value):
        return queryset.filter(owner=self.request.user) if value else queryset


class CarePlanFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CarePlan.Status.choices, empty_label=_("All"))
    segment = django_filters.ChoiceFilter(
        label=_("Segment"),
        field_name="organisation__segment",
        choices=[
            ("strategic", _("Strategic customers")),
            ("key", _("Key customers")),
            ("regular", _("Regular customers")),
            ("occasional", _("Occasional customers")),
            ("potential", _("Potential customers")),
        ],
        empty_label=_("All"),
    )
    mine = django_filters.BooleanFilter(label=_("Only mine"), method="filter_mine", widget=forms.CheckboxInput)
    review_before = BoundedDateFilter(
        label=_("Review by"), field_name="review_date", lookup_expr="lte", widget=DATE_INPUT
    )

    class Meta:
        model = CarePlan
        fields: list[str] = []

    def filter_mine(self, queryset, name, value):
        return queryset.filter(owner=self.request.user) if value else queryset
