"""List filters: the register's filters plus segment, and the overdue and suggestion queues."""

import django_filters
from django.utils.translation import gettext_lazy as _

from accounts.models import OrgUnit
from crm.filters import OrganisationFilter
from crm.forms import account_managers
from segments.forms import UNCLASSIFIED_CHOICE, segment_choices
from segments.models import Suggestion


def filter_by_segment(queryset, field: str, value: str):
    return queryset.filter(**{field: "" if value == UNCLASSIFIED_CHOICE else value})


class SegmentOrganisationFilter(OrganisationFilter):
    """The register's filters (customer group, industry, size class, municipality, owner municipality…) + segment."""

    segment = django_filters.ChoiceFilter(label=_("Segment"), choices=[], method="filter_segment")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The register's filter builds its form in __init__: give the field its choices directly.
        choices = segment_choices()
        self.filters["segment"].extra["choices"] = choices
        self.form.fields["segment"].choices = choices

    def filter_segment(self, queryset, name, value):
        return filter_by_segment(queryset, "segment", value)


class OverdueFilter(SegmentOrganisationFilter):
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit"), queryset=OrgUnit.objects.filter(is_active=True), method="filter_unit"
    )

    def filter_unit(self, queryset, name, value):
        # The customer's responsible unit or any unit below it.
        return queryset.filter(responsible_unit__in=value.descendant_ids())


class SuggestionFilter(django_filters.FilterSet):
    suggested_code = django_filters.ChoiceFilter(label=_("Suggested segment"), choices=[])
    account_manager = django_filters.ModelChoiceFilter(
        label=_("Account manager"), queryset=account_managers(), field_name="organisation__account_manager"
    )

    class Meta:
        model = Suggestion
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["suggested_code"].extra["choices"] = segment_choices(with_unclassified=False)
        for field in self.form.fields.values():
            if hasattr(field, "empty_label"):
                field.empty_label = _("All")
