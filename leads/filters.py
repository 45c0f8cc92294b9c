"""The lead and offer lists' filters."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import OrgUnit
from leads.models import Lead, Need, Offer


def _style(form) -> None:
    for field in form.fields.values():
        if hasattr(field, "empty_label"):
            field.empty_label = _("All")
        if hasattr(field, "choices") and not hasattr(field, "empty_label"):
            field.choices = [("", _("All")), *[c for c in field.choices if c[0] != ""]]
        css = "form-select" if hasattr(field, "choices") else "form-control"
        field.widget.attrs["class"] = css


class LeadFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Organisation"), method="filter_search")
    state = django_filters.ChoiceFilter(label=_("State"), choices=Lead.State.choices)
    need = django_filters.ChoiceFilter(label=_("Need"), choices=Need.choices)
    unit = django_filters.ModelChoiceFilter(label=_("Unit"), queryset=OrgUnit.objects.filter(is_active=True))
    mine = django_filters.ChoiceFilter(
        label=_("Assignee"),
        choices=[("me", _("Me")), ("nobody", _("Nobody (triage queue)"))],
        method="filter_mine",
    )
    open = django_filters.ChoiceFilter(
        label=_("Open or done"),
        choices=[("open", _("Open")), ("done", _("Converted or closed"))],
        method="filter_open",
    )

    class Meta:
        model = Lead
        fields: list[str] = []

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        _style(self.form)

    def filter_search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(organisation__name__icontains=value) | Q(new_organisation_name__icontains=value))

    def filter_mine(self, queryset, name, value):
        if value == "me":
            return queryset.filter(assignee=self.user)
        return queryset.filter(assignee__isnull=True)

    def filter_open(self, queryset, name, value):
        if value == "open":
            return queryset.filter(state__in=Lead.OPEN_STATES)
        return queryset.exclude(state__in=Lead.OPEN_STATES)


class OfferFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Organisation or title"), method="filter_search")
    state = django_filters.ChoiceFilter(label=_("State"), choices=Offer.State.choices)

    class Meta:
        model = Offer
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self.form)

    def filter_search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(organisation__name__icontains=value) | Q(title__icontains=value))
