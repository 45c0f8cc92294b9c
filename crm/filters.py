"""The organisation list's search and filters."""

import django_filters
from django.db import connection
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from accounts.models import OrgUnit
from crm.forms import account_managers
from crm.models import Contact, CustomerGroup, Industry, Municipality, Organisation, SizeClass
from crm.search import search_organisations


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    customer_group = django_filters.ChoiceFilter(label=_("Customer group"), choices=CustomerGroup.choices)
    industry = django_filters.ModelChoiceFilter(
        label=_("Industry (section)"),
        queryset=Industry.objects.filter(level=Industry.Level.SECTION),
        method="filter_industry",
    )
    size_class = django_filters.ChoiceFilter(label=_("Size class"), choices=SizeClass.choices)
    municipality = django_filters.ModelChoiceFilter(label=_("Municipality"), queryset=Municipality.objects.all())
    owner_municipality = django_filters.ChoiceFilter(
        label=_("Owner municipality"),
        choices=[("yes", _("In an owner municipality")), ("no", _("Elsewhere"))],
        method="filter_owner_municipality",
    )
    account_manager = django_filters.ModelChoiceFilter(label=_("Account manager"), queryset=account_managers())
    # The stored responsible unit (indexed); units are a few hundred at most, so a select serves.
    responsible_unit = django_filters.ModelChoiceFilter(
        label=_("Responsible unit"), queryset=OrgUnit.objects.filter(is_active=True).only("pk", "name")
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Organisation.Status.choices)
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(
            ("name", "name"),
            ("municipality__name_fi", "municipality"),
            ("size_class", "size_class"),
            ("updated_at", "updated"),
        ),
        field_labels={
            "name": _("Name"),
            "municipality__name_fi": _("Municipality"),
            "size_class": _("Size class"),
            "updated_at": _("Last updated"),
        },
    )

    class Meta:
        model = Organisation
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            if hasattr(field, "empty_label"):
                field.empty_label = _("All")
        self.form.fields["ordering"].empty_label = _("Name")

    def filter_owner_municipality(self, queryset, name, value):
        return queryset.filter(municipality__is_owner=(value == "yes"))

    def filter_search(self, queryset, name, value):
        return search_organisations(queryset, value)

    def filter_industry(self, queryset, name, value):
        return queryset.filter(Q(industry=value) | Q(industry__parent=value))

    @property
    def qs(self):
        queryset = super().qs
        ordering = getattr(self.form, "cleaned_data", {}).get("ordering")
        if not ordering:
            searching = bool(getattr(self.form, "cleaned_data", {}).get("q", "").strip())
            if searching and connection.vendor == "postgresql":
                # Lower(name), which no index serves: PostgreSQL then finds the matches through their indexes
                # and sorts them, instead of walking a name index in order and testing every row.
                queryset = queryset.order_by(Lower("name"), "pk")
            else:
                # The index on (name, id) serves this order: a page is an index range, not a sort of every row.
                queryset = queryset.order_by("name", "pk")
        return queryset


class RetentionFilter(django_filters.FilterSet):
    """The retention review's search: a contact's name or e-mail, or their organisation's name."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_search")

    class Meta:
        model = Contact
        fields = ["q"]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(last_name__icontains=value)
            | Q(first_name__icontains=value)
            | Q(email__icontains=value)
            | Q(organisation__name__icontains=value)
        )
