from django.contrib import admin

from feedback.models import (
    Answer,
    FeedbackSettings,
    Invitation,
    LoopAction,
    LoopRule,
    NpsBaseline,
    Question,
    Response,
    Survey,
)
from kumppani.web.admin import HistoryAdmin, NoDeleteInlineMixin


class QuestionInline(NoDeleteInlineMixin, admin.StackedInline):
    model = Question
    extra = 0


@admin.register(Survey)
class SurveyAdmin(HistoryAdmin):
    list_display = ["name", "kind", "opens_on", "closes_on", "is_active"]
    list_filter = ["kind", "is_active"]
    inlines = [QuestionInline]


@admin.register(FeedbackSettings)
class FeedbackSettingsAdmin(HistoryAdmin):
    list_display = ["__str__", "invite_delay_days", "contact_quiet_days", "reminder_after_days", "answer_days"]

    def has_add_permission(self, request) -> bool:
        return not FeedbackSettings.objects.exists()


@admin.register(NpsBaseline)
class NpsBaselineAdmin(HistoryAdmin):
    list_display = ["value", "year", "source"]


@admin.register(LoopRule)
class LoopRuleAdmin(HistoryAdmin):
    list_display = ["category", "is_active", "title_fi", "working_days"]


@admin.register(Invitation)
class InvitationAdmin(HistoryAdmin):
    list_display = ["survey", "organisation", "contact", "status", "reason", "send_after", "sent_at"]
    list_filter = ["status", "reason"]
    raw_id_fields = ["organisation", "contact", "delivery", "follow_up", "link"]
    list_select_related = ["survey", "organisation", "contact"]


class AnswerInline(NoDeleteInlineMixin, admin.TabularInline):
    model = Answer
    extra = 0


@admin.register(Response)
class ResponseAdmin(HistoryAdmin):
    list_display = ["organisation", "source", "score", "positive", "answered_at"]
    list_filter = ["source", "category"]
    raw_id_fields = ["organisation", "contact", "delivery", "follow_up", "invitation"]
    list_select_related = ["organisation"]
    inlines = [AnswerInline]


@admin.register(LoopAction)
class LoopActionAdmin(HistoryAdmin):
    list_display = ["organisation", "rule", "owner", "due_date", "status"]
    list_filter = ["status"]
    raw_id_fields = ["organisation", "response"]
    list_select_related = ["organisation", "rule", "owner"]
