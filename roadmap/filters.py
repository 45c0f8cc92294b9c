"""The dashboard's and indicators' filters: period (Europe/Helsinki days), unit, result area."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import OrgUnit
from kumppani.web.dates import BoundedDateField
from roadmap.live import Context, Period

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PeriodFilter(forms.Form):
    start = BoundedDateField(label=_("From"), required=False, widget=DATE_INPUT)
    end = BoundedDateField(label=_("To"), required=False, widget=DATE_INPUT)
    unit = forms.ModelChoiceField(
        label=_("Unit"), required=False, queryset=OrgUnit.objects.filter(is_active=True).order_by("name")
    )
    result_area = forms.ModelChoiceField(
        label=_("Result area"),
        required=False,
        queryset=OrgUnit.objects.filter(is_active=True, kind=OrgUnit.Kind.RESULT_AREA).order_by("name"),
    )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end cannot be before the start."))
        return data

    def period(self) -> Period:
        """The chosen period; by default this year up to today."""
        default = Period.year_to_date()
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        start, end = data.get("start") or default.start, data.get("end") or default.end
        if end < start:
            start = datetime.date(end.year, 1, 1)
        return Period(start, end)

    def context(self, user) -> Context:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return Context(user=user, period=self.period(), unit=data.get("unit"), today=timezone.localdate())

    def chosen_result_area(self) -> OrgUnit | None:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("result_area")


def period_filter(request) -> PeriodFilter:
    keys = ("start", "end", "unit", "result_area")
    return PeriodFilter({k: request.GET[k] for k in keys if k in request.GET} or None)
