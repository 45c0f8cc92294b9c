"""Admins create roadmaps, themes and indicators here; goals' wording is revised here too (history keeps each)."""

from django.contrib import admin

from kumppani.web.admin import HistoryAdmin, NoDeleteInlineMixin, ReadOnlyAdmin
from roadmap.models import (
    EvidenceLink,
    Goal,
    Indicator,
    IndicatorTarget,
    Measurement,
    ProgressUpdate,
    Roadmap,
    Snapshot,
    Theme,
)


class ThemeInline(NoDeleteInlineMixin, admin.TabularInline):
    model = Theme
    extra = 0


@admin.register(Roadmap)
class RoadmapAdmin(HistoryAdmin):
    list_display = ["name_fi", "start_year", "end_year", "owner"]
    inlines = [ThemeInline]


@admin.register(Theme)
class ThemeAdmin(HistoryAdmin):
    list_display = ["name_fi", "roadmap", "order"]
    list_filter = ["roadmap"]


@admin.register(Goal)
class GoalAdmin(HistoryAdmin):
    list_display = ["__str__", "theme", "year", "state", "result_area", "owner"]
    list_filter = ["theme__roadmap", "state", "year"]
    search_fields = ["text_fi", "text_en", "text_sv"]
    filter_horizontal = ["indicators"]


class TargetInline(NoDeleteInlineMixin, admin.TabularInline):
    model = IndicatorTarget
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(HistoryAdmin):
    list_display = ["name_fi", "kind", "unit", "baseline", "baseline_year", "live_code", "is_active"]
    list_filter = ["kind", "is_active"]
    inlines = [TargetInline]


@admin.register(Measurement)
class MeasurementAdmin(HistoryAdmin):
    list_display = ["indicator", "measured_on", "value", "assessment", "unit", "entered_by"]
    list_filter = ["indicator"]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(HistoryAdmin):
    list_display = ["goal", "state", "author", "written_at"]


@admin.register(EvidenceLink)
class EvidenceLinkAdmin(HistoryAdmin):
    list_display = ["title", "goal", "added_on"]


@admin.register(Snapshot)
class SnapshotAdmin(ReadOnlyAdmin):
    list_display = ["code", "taken_at", "value", "numerator", "denominator"]
    list_filter = ["code"]
