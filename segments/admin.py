"""Admins define segments, care models and suggestion thresholds here; history is read-only."""

from django.contrib import admin

from kumppani.publish import publish_after_commit
from kumppani.web.admin import HistoryAdmin, ReadOnlyAdmin
from segments.models import (
    CareModel,
    CareModelOverride,
    Segment,
    SegmentChange,
    SegmentReview,
    Suggestion,
    SuggestionSettings,
)


@admin.register(Segment)
class SegmentAdmin(HistoryAdmin):
    list_display = ("name_fi", "code", "order", "colour", "is_active")
    list_editable = ("order", "is_active")
    readonly_fields = ("code",)
    fieldsets = (
        (None, {"fields": ("code", "order", "colour", "is_active")}),
        ("Suomi", {"fields": ("name_fi", "definition_fi", "goal_fi")}),
        ("English", {"fields": ("name_en", "definition_en", "goal_en")}),
        ("Svenska", {"fields": ("name_sv", "definition_sv", "goal_sv")}),
    )

    def has_add_permission(self, request):
        return False  # the five segments are shipped; codes are referenced by rules


@admin.register(CareModel)
class CareModelAdmin(HistoryAdmin):
    list_display = (
        "customer_group",
        "segment",
        "is_active",
        "contact_interval_months",
        "requires_care_plan",
        "requires_annual_review",
        "requires_steering_group",
        "requires_after_care",
        "after_care_off",
        "responsible_role",
    )
    list_filter = ("customer_group", "is_active")
    list_select_related = ("segment",)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "customer_group",
                    "segment",
                    "is_active",
                    "contact_interval_months",
                    "requires_care_plan",
                    "requires_annual_review",
                    "requires_steering_group",
                    "requires_after_care",
                    "after_care_off",
                    "responsible_role",
                )
            },
        ),
        ("Suomi", {"fields": ("rhythm_fi", "target_measures_fi", "notes_fi")}),
        ("English", {"fields": ("rhythm_en", "target_measures_en", "notes_en")}),
        ("Svenska", {"fields": ("rhythm_sv", "target_measures_sv", "notes_sv")}),
    )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if {"contact_interval_months", "customer_group", "segment", "is_active"} & set(form.changed_data):
            from segments.tasks import recompute_next_contacts_task

            # Never waits for a broker that is down; the nightly recompute does it then.
            publish_after_commit(recompute_next_contacts_task)


@admin.register(SuggestionSettings)
class SuggestionSettingsAdmin(HistoryAdmin):
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        from segments.tasks import refresh_suggestions_task

        # Never waits for a broker that is down; the nightly refresh does it then.
        publish_after_commit(refresh_suggestions_task)

    def has_add_permission(self, request):
        return not SuggestionSettings.objects.exists()


@admin.register(SegmentChange)
class SegmentChangeAdmin(ReadOnlyAdmin):
    list_display = ("organisation", "from_code", "to_code", "changed_at", "changed_by", "source")
    list_filter = ("source", "to_code")
    date_hierarchy = "changed_at"
    search_fields = ("organisation__name",)
    list_select_related = ("organisation", "changed_by")
    raw_id_fields = ("organisation",)

    # Changes go through segments.services so the rules and the timeline apply.


@admin.register(Suggestion)
class SuggestionAdmin(HistoryAdmin):
    list_display = ("organisation", "from_code", "suggested_code", "status", "computed_at", "decided_by")
    list_filter = ("status", "suggested_code")
    search_fields = ("organisation__name",)
    list_select_related = ("organisation", "decided_by")
    readonly_fields = [f.name for f in Suggestion._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(SegmentReview)
class SegmentReviewAdmin(HistoryAdmin):
    list_display = ("organisation", "reason", "created_at", "resolved_at", "resolved_by")
    list_filter = ("reason", ("resolved_at", admin.EmptyFieldListFilter))
    search_fields = ("organisation__name",)
    list_select_related = ("organisation", "resolved_by")
    raw_id_fields = ("organisation",)


@admin.register(CareModelOverride)
class CareModelOverrideAdmin(HistoryAdmin):
    """A customer's own care model, ahead of its group's and segment's (segments.care_models)."""

    list_display = ("organisation", "care_model", "set_by", "set_at")
    list_select_related = ("organisation", "care_model__segment", "set_by")
    search_fields = ("organisation__name",)
    raw_id_fields = ("organisation",)
    readonly_fields = ("set_by", "set_at")

    def save_model(self, request, obj, form, change):
        obj.set_by = request.user
        super().save_model(request, obj, form, change)
        from segments.tasks import recompute_next_contacts_task

        publish_after_commit(recompute_next_contacts_task)
