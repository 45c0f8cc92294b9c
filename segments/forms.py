"""Segment forms: validate and normalise; segments.services does the writing."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.idempotency import IdempotentFormMixin
from kumppani.lib.months import add_months
from kumppani.web.dates import BoundedDateField
from segments.models import Segment

DATE_INPUT = forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d")
UNCLASSIFIED_CHOICE = "unclassified"


def segment_choices(*, with_unclassified: bool = True) -> list[tuple[str, str]]:
    choices = [(s.code, s.name) for s in Segment.objects.filter(is_active=True)]
    if with_unclassified:
        choices.append((UNCLASSIFIED_CHOICE, str(_("Unclassified"))))
    return choices


class SegmentChangeForm(IdempotentFormMixin, forms.Form):
    segment = forms.ChoiceField(label=_("New segment"))
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why the customer moves: this is kept in the segment history."),
    )

    def __init__(self, *args, current: str = "", customer_group: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["segment"].choices = segment_choices()
        self.current = current
        self.customer_group = customer_group

    def clean_segment(self) -> str:
        from segments.services import SEGMENTED_GROUPS, segmented_group_message

        value = self.cleaned_data["segment"]
        code = "" if value == UNCLASSIFIED_CHOICE else value
        if code and self.customer_group and self.customer_group not in SEGMENTED_GROUPS:
            raise forms.ValidationError(segmented_group_message())
        if code == self.current:
            raise forms.ValidationError(_("The customer is already in this segment."))
        return code

    def clean_reason(self) -> str:
        return self.cleaned_data["reason"].strip()


class PeriodForm(forms.Form):
    """The period of the movement matrix; defaults to the last 12 months."""

    date_from = BoundedDateField(label=_("From"), required=False, widget=DATE_INPUT)
    date_to = BoundedDateField(label=_("To"), required=False, widget=DATE_INPUT)

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        data["date_to"] = data.get("date_to") or today
        data["date_from"] = data.get("date_from") or add_months(data["date_to"], -12)
        if data["date_from"] > data["date_to"]:
            raise forms.ValidationError(_("The start of the period must be before its end."))
        return data

    def period(self) -> tuple[datetime.date, datetime.date]:
        if self.is_valid():
            return self.cleaned_data["date_from"], self.cleaned_data["date_to"]
        today = timezone.localdate()
        return add_months(today, -12), today
