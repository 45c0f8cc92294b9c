"""Register forms: validate and normalise; services do the writing."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.idempotency import IdempotentFormMixin
from accounts.models import OrgUnit
from accounts.roles import Role
from crm.models import (
    Contact,
    ContactPreference,
    Delivery,
    Interaction,
    Organisation,
    PartnershipAgreement,
    ServiceType,
)
from crm.preferences import Decision
from kumppani.lib.business_id import normalise_business_id
from kumppani.web.amounts import AmountField
from kumppani.web.concurrent_edits import VersionedFormMixin
from kumppani.web.dates import BoundedDateField

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def account_managers():
    return get_user_model().objects.filter(groups__name=Role.ACCOUNT_MANAGER, is_active=True).distinct()


def unit_choices(current_id: int | None = None):
    """Active units to choose from; a unit closed since keeps showing on the rows that have it."""
    units = OrgUnit.objects.filter(is_active=True)
    if current_id:
        units = units | OrgUnit.objects.filter(pk=current_id)
    return units.only("pk", "name").order_by("name")


class OrganisationForm(VersionedFormMixin, IdempotentFormMixin, forms.ModelForm):
    # Declared here for its https default, so its label is capitalised like the model fields' labels.
    website = forms.URLField(label=capfirst(_("website")), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = [
            "name",
            "business_id",
            "customer_group",
            "responsible_unit",
            "operating_form",
            "industry",
            "headcount",
            "turnover",
            "municipality",
            "street_address",
            "postal_code",
            "post_office",
            "website",
            "status",
            "relation",
            "direct_customer",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"turnover": AmountField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["industry"].queryset = self.fields["industry"].queryset.select_related("parent")
        direct = Organisation.objects.filter(is_archived=False, relation=Organisation.Relation.DIRECT)
        if self.instance.pk:
            direct = direct.exclude(pk=self.instance.pk)
        self.fields["direct_customer"].queryset = direct.only("pk", "name")
        self.fields["responsible_unit"].queryset = unit_choices(self.instance.responsible_unit_id)
        self.fields["municipality"].error_messages["invalid_choice"] = _(
            "Unknown municipality: choose one from the list."
        )

    def clean_business_id(self) -> str:
        value = self.cleaned_data["business_id"].strip()
        if not value:
            return ""
        try:
            value = normalise_business_id(value)
        except ValueError:
            raise forms.ValidationError(
                _("%(value)s is not a valid business ID: use the form 1234567-8 with a correct check digit."),
                params={"value": value},
            ) from None
        clash = Organisation.objects.filter(business_id=value).exclude(pk=self.instance.pk).first()
        if clash:
            raise forms.ValidationError(
                _("%(name)s already has the business ID %(value)s."), params={"name": clash.name, "value": value}
            )
        return value


class AccountTeamForm(forms.Form):
    account_manager = forms.ModelChoiceField(queryset=account_managers(), label=_("Account manager"), required=False)
    deputy_manager = forms.ModelChoiceField(
        queryset=account_managers(), label=_("Deputy account manager"), required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("account_manager") and data.get("account_manager") == data.get("deputy_manager"):
            self.add_error("deputy_manager", _("The deputy must be someone other than the account manager."))
        if data.get("deputy_manager") and not data.get("account_manager"):
            self.add_error("account_manager", _("Name the account manager before a deputy."))
        return data


class AgreementForm(VersionedFormMixin, IdempotentFormMixin, forms.ModelForm):
    class Meta:
        model = PartnershipAgreement
        fields = ["title", "start_date", "end_date", "document", "notes"]
        widgets = {"start_date": DATE_INPUT, "end_date": DATE_INPUT, "notes": forms.Textarea(attrs={"rows": 3})}


class ContactForm(VersionedFormMixin, IdempotentFormMixin, forms.ModelForm):
    """The person's details and, per kind of mail, their decision: status, its date and where it was given.

    A kind with no decision yet may be left unrecorded; a recorded one can be changed but not unrecorded, since
    a refusal must not be forgotten.
    """

    class Meta:
        model = Contact
        fields = [
            "first_name",
            "last_name",
            "title",
            "work_role",
            "role",
            "is_decision_maker",
            "email",
            "phone",
            "language",
            "is_active",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        recorded = {p.kind: p for p in self.instance.preferences.all()} if self.instance.pk else {}
        for kind, label in ContactPreference.Kind.choices:
            preference = recorded.get(kind)
            statuses = ContactPreference.Status.choices
            self.fields[f"{kind}_status"] = forms.ChoiceField(
                label=_("%(kind)s: decision") % {"kind": label},
                choices=statuses if preference else [("", _("Not recorded")), *statuses],
                required=preference is not None,
                initial=preference.status if preference else "",
            )
            self.fields[f"{kind}_date"] = BoundedDateField(
                label=_("%(kind)s: date") % {"kind": label},
                required=False,
                widget=DATE_INPUT,
                initial=preference.date if preference else None,
            )
            self.fields[f"{kind}_source"] = forms.ChoiceField(
                label=_("%(kind)s: source") % {"kind": label},
                choices=[("", "---------"), *ContactPreference.Source.choices],
                required=False,
                initial=preference.source if preference else "",
            )

    def clean(self):
        data = super().clean()
        for kind in ContactPreference.Kind.values:
            if not data.get(f"{kind}_status"):
                continue
            if not data.get(f"{kind}_date"):
                self.add_error(f"{kind}_date", _("Give the date of the decision."))
            if not data.get(f"{kind}_source"):
                self.add_error(f"{kind}_source", _("Say where the decision was given."))
        return data

    def decisions(self) -> list[Decision]:
        data = self.cleaned_data
        return [
            Decision(kind=kind, status=data[f"{kind}_status"], date=data[f"{kind}_date"], source=data[f"{kind}_source"])
            for kind in ContactPreference.Kind.values
            if data.get(f"{kind}_status")
        ]


class InteractionForm(VersionedFormMixin, IdempotentFormMixin, forms.ModelForm):
    class Meta:
        model = Interaction
        fields = [
            "kind",
            "channel",
            "occurred_at",
            "duration_minutes",
            "subject",
            "our_participants",
            "contacts",
            "notes",
        ]
        widgets = {
            "occurred_at": DATETIME_INPUT,
            "notes": forms.Textarea(attrs={"rows": 4}),
            "our_participants": forms.CheckboxSelectMultiple,
            "contacts": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occurred_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"]
        self.fields["contacts"].queryset = organisation.contacts.filter(is_active=True)
        team_ids = [i for i in (organisation.account_manager_id, organisation.deputy_manager_id) if i]
        participants = get_user_model().objects.filter(is_active=True, groups__name=Role.ACCOUNT_MANAGER)
        if self.instance.pk:
            team_ids += list(self.instance.our_participants.values_list("pk", flat=True))
        self.fields["our_participants"].queryset = (
            participants | get_user_model().objects.filter(pk__in=team_ids)
        ).distinct()

    def clean_occurred_at(self):
        value = self.cleaned_data["occurred_at"]
        if value and value > timezone.now() + timezone.timedelta(days=366):
            raise forms.ValidationError(_("The date is more than a year ahead; check the year."))
        return value


class DeliveryForm(VersionedFormMixin, IdempotentFormMixin, forms.ModelForm):
    class Meta:
        model = Delivery
        fields = [
            "service_type",
            "title",
            "responsible",
            "unit",
            "start_date",
            "end_date",
            "students",
            "days",
            "value",
            "status",
            "contacts",
            "notes",
        ]
        widgets = {
            "start_date": DATE_INPUT,
            "end_date": DATE_INPUT,
            "notes": forms.Textarea(attrs={"rows": 3}),
            "contacts": forms.CheckboxSelectMultiple,
        }
        field_classes = {"days": AmountField, "value": AmountField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_type"].queryset = ServiceType.objects.filter(is_active=True)
        self.fields["responsible"].queryset = get_user_model().objects.filter(is_active=True)
        self.fields["unit"].queryset = unit_choices(self.instance.unit_id)
        self.fields["contacts"].queryset = Contact.objects.filter(
            organisation_id=self.instance.organisation_id, is_active=True, anonymised_at__isnull=True
        )
        self.fields["contacts"].help_text = _("Asked for feedback when the delivery is done.")

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if data.get("status") == Delivery.Status.DONE and start and not end and start > timezone.localdate():
            self.add_error("end_date", _("A delivery that starts in the future cannot be done yet: give its end date."))
        return data


class RetentionKeepForm(forms.Form):
    """Why an inactive contact's data is kept (the reason is recorded; the review skips them for a year)."""

    reason = forms.CharField(
        label=_("Reason for keeping"),
        max_length=500,
        widget=forms.TextInput,
        help_text=_("Write the reason without the person's data, e.g. an agreement still in force."),
    )
