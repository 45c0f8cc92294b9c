"""Admin for interactions, deliveries and the (read-only) timeline."""

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from crm import services
from crm.models import Delivery, Interaction, TimelineEntry
from crm.timeline import kind_for, registered_kinds
from kumppani.web.admin import HistoryAdmin, ReadOnlyAdmin


@admin.register(Interaction)
class InteractionAdmin(HistoryAdmin):
    list_display = ["occurred_at", "kind", "organisation", "subject", "created_by"]
    list_display_links = ["occurred_at", "subject"]
    list_filter = ["kind", "channel"]
    search_fields = ["subject", "organisation__name"]
    list_select_related = ["organisation", "created_by"]
    list_per_page = 50
    date_hierarchy = "occurred_at"
    autocomplete_fields = ["organisation", "our_participants", "contacts"]
    readonly_fields = ["created_by", "created_at"]

    def save_model(self, request, obj: Interaction, form, change: bool) -> None:
        # Participants are saved by save_related afterwards; the service keeps last contact and the timeline.
        obj._history_user = request.user
        services.interaction_save(interaction=obj, actor=request.user)


class DeliveryAdminForm(forms.ModelForm):
    def clean(self):
        data = super().clean()
        # On completion delivery_save sets a missing end date to today, which must not precede the start.
        start = data.get("start_date")
        completing = data.get("status") == Delivery.Status.DONE and "status" in self.changed_data
        if completing and not data.get("end_date") and start and start > timezone.localdate():
            self.add_error("end_date", _("A delivery that starts in the future needs an end date to be marked done."))
        return data


@admin.register(Delivery)
class DeliveryAdmin(HistoryAdmin):
    form = DeliveryAdminForm
    list_display = [
        "title",
        "organisation",
        "service_type",
        "responsible",
        "unit",
        "start_date",
        "end_date",
        "value",
        "status",
    ]
    list_filter = ["status", "service_type", "unit"]
    search_fields = ["title", "organisation__name"]
    list_select_related = ["organisation", "service_type", "responsible", "unit"]
    list_per_page = 50
    date_hierarchy = "start_date"
    autocomplete_fields = ["organisation", "responsible"]
    readonly_fields = ["completed_at", "created_by", "created_at"]

    def save_model(self, request, obj: Delivery, form, change: bool) -> None:
        # The service stamps completion and tells after-care when a delivery becomes done.
        obj._history_user = request.user
        services.delivery_save(delivery=obj, actor=request.user)


class TimelineKindFilter(admin.SimpleListFilter):
    """The registered kinds, without a DISTINCT over the whole timeline table."""

    title = _("kind")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [(kind.code, kind.label) for kind in registered_kinds()]

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


@admin.register(TimelineEntry)
class TimelineEntryAdmin(ReadOnlyAdmin):
    """Read-only: entries are written by the services that make things happen."""

    list_display = ["occurred_at", "organisation", "kind_label", "what", "actor"]
    list_filter = [TimelineKindFilter, "occurred_at"]
    # Names and titles are in the parameters; rows written before message codes keep theirs in summary.
    search_fields = ["organisation__name", "message_params", "summary"]
    list_select_related = ["organisation", "actor"]
    list_per_page = 50
    show_full_result_count = False  # the table grows fastest of all

    @admin.display(description=_("kind"), ordering="kind")
    def kind_label(self, obj: TimelineEntry) -> str:
        return str(kind_for(obj.kind).label)

    @admin.display(description=_("what happened"))
    def what(self, obj: TimelineEntry):
        return obj.rendered_html
