"""Forms validate and normalise; services write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.idempotency import IdempotentFormMixin
from kumppani.web.amounts import AmountField
from roadmap.models import EvidenceLink, Measurement, ProgressUpdate

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProgressForm(IdempotentFormMixin, forms.ModelForm):
    """A new state for a goal, with the note that explains it."""

    class Meta:
        model = ProgressUpdate
        fields = ["state", "note"]
        labels = {"state": _("New state")}
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class EvidenceForm(IdempotentFormMixin, forms.ModelForm):
    url = forms.URLField(label=_("address"), max_length=500, assume_scheme="https")

    class Meta:
        model = EvidenceLink
        fields = ["title", "url"]


class MeasurementForm(IdempotentFormMixin, forms.ModelForm):
    class Meta:
        model = Measurement
        fields = ["measured_on", "value", "assessment", "comment", "unit"]
        field_classes = {"value": AmountField}
        widgets = {"measured_on": DATE_INPUT, "comment": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.indicator = indicator
        if indicator.is_qualitative:
            del self.fields["value"]
            self.fields["assessment"].required = True
            self.fields["assessment"].help_text = _("1 to %(top)s") % {"top": indicator.scale_max}
        else:
            del self.fields["assessment"]
            self.fields["value"].required = True
