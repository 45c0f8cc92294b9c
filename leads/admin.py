"""Admin for leads, their routes, and settings, and offers."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kumppani.web.admin import HistoryAdmin, NoDeleteInlineMixin
from leads.models import Lead, LeadEvent, LeadRoute, LeadSettings, Offer, OfferLine


@admin.register(LeadSettings)
class LeadSettingsAdmin(HistoryAdmin):
    list_display = ["__str__", "contact_within_working_days", "escalate_after_working_days", "offer_validity_days"]

    def has_add_permission(self, request) -> bool:
        return not LeadSettings.objects.exists()


@admin.register(LeadRoute)
class LeadRouteAdmin(HistoryAdmin):
    list_display = ["need", "unit"]
    list_select_related = ["unit"]


class LeadEventInline(NoDeleteInlineMixin, admin.TabularInline):
    model = LeadEvent
    extra = 0
    fields = readonly_fields = ("occurred_at", "actor", "state", "what", "note")
    can_delete = False

    @admin.display(description=_("what happened"))
    def what(self, obj: LeadEvent):
        return obj.rendered_html


@admin.register(Lead)
class LeadAdmin(HistoryAdmin):
    list_display = ["pk", "__str__", "state", "need", "passed_by", "assignee", "unit", "created_at", "contacted_at"]
    list_filter = ["state", "need", "unit"]
    list_select_related = ["organisation", "passed_by", "assignee", "unit"]
    raw_id_fields = ["organisation", "passed_by", "assignee", "delivery"]
    search_fields = ["organisation__name", "new_organisation_name"]
    inlines = [LeadEventInline]


class OfferLineInline(NoDeleteInlineMixin, admin.TabularInline):
    model = OfferLine
    extra = 0


class OfferAdminForm(forms.ModelForm):
    def clean(self):
        data = super().clean()
        # As leads.services.offers.offer_save does: the responsible person's primary unit delivers by default.
        if not data.get("unit") and data.get("responsible"):
            data["unit"] = data["responsible"].primary_unit_or_none()
        return data


@admin.register(Offer)
class OfferAdmin(HistoryAdmin):
    form = OfferAdminForm
    list_display = ["title", "organisation", "state", "total", "valid_until", "responsible", "unit"]
    list_filter = ["state", "unit"]
    list_select_related = ["organisation", "responsible", "unit"]
    raw_id_fields = ["organisation", "lead", "delivery"]
    inlines = [OfferLineInline]
