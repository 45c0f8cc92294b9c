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
    # Both unit lists come from one query of the active units (the dashboard keeps to its query budget).
    unit = forms.TypedChoiceField(label=_("Unit"), required=False, coerce=int, empty_value=None)
    result_area = forms.TypedChoiceField(label=_("Result area"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {unit.pk: unit for unit in OrgUnit.objects.filter(is_active=True).order_by("name")}
        empty = [("", "–")]
        self.fields["unit"].choices = empty + [(pk, unit.name) for pk, unit in self.units.items()]
        self.fields["result_area"].choices = empty + [
            (pk, unit.name) for pk, unit in self.units.items() if unit.kind == OrgUnit.Kind.RESULT_AREA
        ]

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
        return Context(
            user=user, period=self.period(), unit=self.units.get(data.get("unit")), today=timezone.localdate()
        )

    def chosen_result_area(self) -> OrgUnit | None:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return self.units.get(data.get("result_area"))


def period_filter(request) -> PeriodFilter:
    keys = ("start", "end", "unit", "result_area")
    return PeriodFilter({k: request.GET[k] for k in keys if k in request.GET} or None)
