"""Lead and offer forms: validate and normalise; leads.services does the writing."""

from django import forms
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.idempotency import IdempotentFormMixin
from crm.access import nameable_organisations
from crm.forms import DATE_INPUT, account_managers, unit_choices
from crm.models import Organisation, ServiceType
from kumppani.lib.business_id import normalise_business_id
from kumppani.web.amounts import AmountField
from kumppani.web.concurrent_edits import VersionedFormMixin
from kumppani.web.dates import BoundedDateField
from leads.models import Lead, Need, Offer, OfferLine
from leads.services import lead_recent_duplicate, resolve_organisation


class OrganisationPickMixin:
    """An organisation named by text, or picked (the hidden id) from the autocomplete.

    Without JavaScript nothing is picked: a business ID in the text, or a unique exact name, still finds it;
    otherwise the text is kept as a new organisation's name.
    """

    user = None

    def _pick_fields(self, user, required_text: bool = True) -> None:
        self.user = user
        self.fields["organisation"] = forms.ModelChoiceField(
            queryset=nameable_organisations(user).only("pk", "name", "business_id"),
            required=False,
            widget=forms.HiddenInput,
        )
        self.fields["organisation_text"] = forms.CharField(
            label=_("Organisation"),
            max_length=255,
            required=required_text,
            help_text=_("Type part of the name or the business ID. Not in the register? Just write its name."),
            widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "words"}),
        )

    def picked_organisation(self, cleaned: dict) -> Organisation | None:
        organisation = cleaned.get("organisation")
        text = (cleaned.get("organisation_text") or "").strip()
        if organisation is not None and text and text not in (organisation.name, _label(organisation)):
            organisation = None  # the text was changed after picking: the text wins
        if organisation is None and text:
            organisation = resolve_organisation(self.user, text)
        return organisation


def duplicate_question(earlier: Lead) -> str:
    """The question about a likely duplicate, with the clock as the reader writes it (14.05, or 14:05 in English)."""
    clock = "%H:%M" if (get_language() or "fi").startswith("en") else "%H.%M"
    return _("A similar lead was sent at %(time)s – send it anyway?") % {
        "time": timezone.localtime(earlier.created_at).strftime(clock)
    }


def _label(organisation: Organisation) -> str:
    return f"{organisation.name} ({organisation.business_id})" if organisation.business_id else organisation.name


class LeadForm(IdempotentFormMixin, OrganisationPickMixin, forms.Form):
    new_business_id = forms.CharField(
        label=_("Business ID, if you know it"),
        max_length=9,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    need = forms.ChoiceField(label=_("What do they need?"), choices=Need.choices, widget=forms.RadioSelect)
    description = forms.CharField(
        label=_("What did you notice?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    contact_name = forms.CharField(label=_("Contact person (if known)"), max_length=200, required=False)
    contact_details = forms.CharField(
        label=_("Their phone or e-mail"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    urgency = forms.ChoiceField(
        label=_("How urgent?"), choices=Lead.Urgency.choices, initial=Lead.Urgency.NORMAL, widget=forms.RadioSelect
    )
    visited = forms.BooleanField(label=_("I visited the workplace today"), required=False, initial=True)
    send_anyway = forms.BooleanField(label=_("Yes, send it anyway"), required=False)

    duplicate_of: Lead | None = None

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self._pick_fields(user)
        self.order_fields(
            [
                "organisation_text",
                "organisation",
                "new_business_id",
                "need",
                "description",
                "contact_name",
                "contact_details",
                "urgency",
                "visited",
            ]
        )

    def clean_new_business_id(self) -> str:
        value = self.cleaned_data["new_business_id"].strip()
        if not value:
            return ""
        try:
            return normalise_business_id(value)
        except ValueError:
            raise forms.ValidationError(
                _("%(value)s is not a valid business ID: use the form 1234567-8 with a correct check digit."),
                params={"value": value},
            ) from None

    def clean(self):
        data = super().clean()
        data["organisation"] = self.picked_organisation(data)
        if not self.errors and not data.get("send_anyway"):
            self.duplicate_of = lead_recent_duplicate(lead=self.to_lead(data), actor=self.user)
            if self.duplicate_of is not None:
                self.add_error("send_anyway", duplicate_question(self.duplicate_of))
        return data

    def to_lead(self, data: dict | None = None) -> Lead:
        data = data if data is not None else self.cleaned_data
        organisation = data["organisation"]
        return Lead(
            organisation=organisation,
            new_organisation_name="" if organisation else data["organisation_text"].strip(),
            new_business_id="" if organisation else data["new_business_id"],
            need=data["need"],
            description=data["description"].strip(),
            contact_name=data["contact_name"].strip(),
            contact_details=data["contact_details"].strip(),
            urgency=data["urgency"],
        )


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(queryset=account_managers(), label=_("Assign to"))


class ContactedForm(forms.Form):
    note = forms.CharField(label=_("What was agreed?"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class QualifyForm(OrganisationPickMixin, forms.Form):
    create_new = forms.BooleanField(
        label=_("Add it to the register as a new organisation"),
        required=False,
        help_text=_("Only when it is really not there: search first."),
    )

    def __init__(self, *args, user, lead: Lead, **kwargs):
        super().__init__(*args, **kwargs)
        self.lead = lead
        self._pick_fields(user, required_text=False)
        self.order_fields(["organisation_text", "organisation", "create_new"])

    def clean(self):
        data = super().clean()
        data["organisation"] = self.picked_organisation(data)
        if not self.lead.organisation_id and data["organisation"] is None and not data.get("create_new"):
            raise forms.ValidationError(
                _("Pick the organisation from the register, or tick 'Add it to the register as a new organisation'.")
            )
        return data


class CloseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=Lead.CloseReason.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


class DeliveryStartForm(forms.Form):
    start_date = BoundedDateField(label=_("Start date"), widget=DATE_INPUT)


class OfferForm(VersionedFormMixin, IdempotentFormMixin, forms.ModelForm):
    class Meta:
        model = Offer
        fields = ["title", "responsible", "unit", "valid_until", "notes"]
        widgets = {"valid_until": DATE_INPUT, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = account_managers()
        self.fields["unit"].queryset = unit_choices(self.instance.unit_id)


class OfferLineForm(forms.ModelForm):
    class Meta:
        model = OfferLine
        fields = ["service_type", "description", "quantity", "unit_price"]
        field_classes = {"quantity": AmountField, "unit_price": AmountField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_type"].queryset = ServiceType.objects.filter(is_active=True)


# An offer has a handful of lines; a posted TOTAL_FORMS of millions would otherwise build Django's default
# cap of 2,000 forms and render them all.
MAX_OFFER_LINES = 50
OfferLineFormSet = inlineformset_factory(
    Offer,
    OfferLine,
    form=OfferLineForm,
    extra=2,
    can_delete=True,
    min_num=1,
    validate_min=True,
    max_num=MAX_OFFER_LINES,
    absolute_max=MAX_OFFER_LINES,
    validate_max=True,
)
