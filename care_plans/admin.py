from django.contrib import admin

from care_plans.models import (
    AfterCareModel,
    AfterCareStep,
    CalendarFeed,
    CarePlan,
    FollowUp,
    Meeting,
    PlanAction,
    ReminderSettings,
    SteeringGroup,
    SteeringGroupMember,
)
from kumppani.web.admin import HistoryAdmin, NoDeleteAdmin, NoDeleteInlineMixin


class AfterCareStepInline(NoDeleteInlineMixin, admin.TabularInline):
    model = AfterCareStep
    extra = 0


@admin.register(AfterCareModel)
class AfterCareModelAdmin(HistoryAdmin):
    list_display = ["name", "service_type", "is_default", "is_active"]
    inlines = [AfterCareStepInline]


@admin.register(AfterCareStep)
class AfterCareStepAdmin(HistoryAdmin):
    list_display = ["title_fi", "title_en", "title_sv", "model", "days_after_end", "working_days"]


@admin.register(ReminderSettings)
class ReminderSettingsAdmin(HistoryAdmin):
    list_display = ["__str__", "due_soon_days", "escalate_after_days"]

    def has_add_permission(self, request) -> bool:
        return not ReminderSettings.objects.exists()


@admin.register(CarePlan)
class CarePlanAdmin(HistoryAdmin):
    list_display = ["organisation", "status", "owner", "review_date"]
    list_filter = ["status"]
    raw_id_fields = ["organisation", "owner"]
    search_fields = ["organisation__name"]


@admin.register(PlanAction)
class PlanActionAdmin(HistoryAdmin):
    list_display = ["title", "organisation", "owner", "due_date", "status"]
    list_filter = ["status"]
    raw_id_fields = ["organisation", "plan", "meeting", "owner"]


class MemberInline(NoDeleteInlineMixin, admin.TabularInline):
    model = SteeringGroupMember
    extra = 0
    raw_id_fields = ["user", "contact"]


@admin.register(SteeringGroup)
class SteeringGroupAdmin(HistoryAdmin):
    list_display = ["name", "organisation", "kind", "is_active"]
    raw_id_fields = ["organisation", "plan"]
    inlines = [MemberInline]


@admin.register(Meeting)
class MeetingAdmin(HistoryAdmin):
    list_display = ["group", "starts_at", "location"]
    raw_id_fields = ["group"]


@admin.register(FollowUp)
class FollowUpAdmin(HistoryAdmin):
    list_display = ["display_title", "organisation", "owner", "due_date", "status", "kind"]
    list_filter = ["status", "kind"]
    raw_id_fields = ["organisation", "delivery", "owner", "completed_by"]
    exclude = ["title_code", "title_params"]

    def save_model(self, request, obj, form, change) -> None:
        # A title an admin types replaces the sentence the system wrote; it is then shown as typed.
        if "title" in form.changed_data:
            obj.title_code, obj.title_params = "", {}
        super().save_model(request, obj, form, change)


@admin.register(CalendarFeed)
class CalendarFeedAdmin(NoDeleteAdmin):
    list_display = ["user", "created_at"]
    raw_id_fields = ["user"]
    exclude = ["token"]
