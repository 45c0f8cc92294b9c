"""Admin for reference data: municipalities, industries, service types and the register settings."""

from django.contrib import admin
from django.utils.translation import ngettext

from crm import services
from crm.models import ContactRole, Industry, Municipality, RegisterSettings, ServiceType
from kumppani.web.admin import HistoryAdmin


@admin.register(Municipality)
class MunicipalityAdmin(HistoryAdmin):
    """Owner municipalities (omistajakunnat) are ticked right in the list."""

    list_display = ["code", "name_fi", "name_sv", "region", "is_owner"]
    list_editable = ["is_owner"]
    list_filter = ["is_owner", "region"]
    search_fields = ["code", "name_fi", "name_sv"]
    list_per_page = 400  # all ~300 municipalities on one page for ticking owners


@admin.register(Industry)
class IndustryAdmin(HistoryAdmin):
    list_display = ["code", "level", "name_fi", "name_en", "name_sv", "parent", "classification"]
    list_filter = ["classification", "level"]
    search_fields = ["code", "name_fi", "name_en", "name_sv"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]


@admin.register(ServiceType)
class ServiceTypeAdmin(HistoryAdmin):
    """A service type is retired by unticking active, never deleted: deliveries and offers name it."""

    list_display = ["code", "name_fi", "name_en", "name_sv", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "name_fi", "name_en", "name_sv"]


@admin.register(RegisterSettings)
class RegisterSettingsAdmin(HistoryAdmin):
    """The single settings row. Saving it recomputes every organisation's size class."""

    list_display = ["__str__", "micro_headcount_limit", "retention_years"]

    def has_add_permission(self, request) -> bool:
        return super().has_add_permission(request) and not RegisterSettings.objects.exists()

    def save_model(self, request, obj: RegisterSettings, form, change: bool) -> None:
        if not change:
            obj.pk = 1  # RegisterSettings.load() reads row 1
        super().save_model(request, obj, form, change)
        changed = services.organisation_rebuild_size_classes()
        self.message_user(
            request,
            ngettext(
                "Size classes recomputed: %(count)d organisation changed class.",
                "Size classes recomputed: %(count)d organisations changed class.",
                changed,
            )
            % {"count": changed},
        )


@admin.register(ContactRole)
class ContactRoleAdmin(HistoryAdmin):
    """The roles a contact person can have; a role is retired by unticking active (answers keep it)."""

    list_display = ["code", "name_fi", "name_en", "name_sv", "order", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["code", "name_fi", "name_en", "name_sv"]
