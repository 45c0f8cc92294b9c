"""Admin for contact persons. Contacts are never deleted here: a person is erased by anonymising."""

from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ExportMixin
from import_export.formats.base_formats import CSV, XLSX

from crm import services
from crm.models import Contact, ContactErasure, ContactPreference, RetentionDecision
from kumppani.web.admin import HistoryAdmin, NoDeleteInlineMixin, ReadOnlyAdmin

from .resources import ContactResource


class ContactPreferenceInline(NoDeleteInlineMixin, admin.TabularInline):
    """Decisions on kinds of mail, read here; account managers record them on the contact form."""

    model = ContactPreference
    fields = ["kind", "status", "date", "source"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Contact)
class ContactAdmin(ExportMixin, HistoryAdmin):
    inlines = [ContactPreferenceInline]
    resource_classes = [ContactResource]
    export_formats = [CSV, XLSX]

    list_display = [
        "name",
        "organisation",
        "title",
        "email",
        "is_decision_maker",
        "language",
        "is_active",
        "anonymised_at",
    ]
    list_filter = [
        "is_decision_maker",
        "language",
        "is_active",
        ("anonymised_at", admin.EmptyFieldListFilter),
        "organisation__customer_group",
    ]
    search_fields = ["first_name", "last_name", "email", "organisation__name", "organisation__business_id"]
    list_select_related = ["organisation"]
    list_per_page = 50
    autocomplete_fields = ["organisation"]
    readonly_fields = ["anonymised_at", "created_by", "created_at"]
    fieldsets = [
        (None, {"fields": ["organisation", "first_name", "last_name", "title", "work_role", "is_decision_maker"]}),
        (_("Contact details"), {"fields": ["email", "phone"]}),
        (_("Communication"), {"fields": ["language"]}),
        (_("Status"), {"fields": ["is_active", "anonymised_at", "created_by", "created_at"]}),
    ]
    actions = ["anonymise_selected"]

    @admin.display(description=_("name"), ordering="last_name")
    def name(self, obj: Contact) -> str:
        return obj.full_name

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.anonymised_at is not None:
            return False  # an anonymised person stays anonymous
        return super().has_change_permission(request, obj)

    def has_export_permission(self, request) -> bool:
        return self.has_view_permission(request)

    def save_model(self, request, obj: Contact, form, change: bool) -> None:
        obj._history_user = request.user
        services.contact_save(contact=obj, actor=request.user)

    # Erases each contact and replaces the places the review would propose (crm.erasure.proposed); the
    # review page ("Erase the person's data…" on the change page) shows every place for one person.
    @admin.action(description=_("Anonymise selected contacts (cannot be undone)"), permissions=["change"])
    def anonymise_selected(self, request, queryset) -> None:
        count = 0
        with transaction.atomic():
            for contact in queryset.filter(anonymised_at__isnull=True).select_related("organisation"):
                services.contact_anonymise(contact=contact, actor=request.user)
                count += 1
        self.message_user(
            request,
            ngettext("%(count)d contact anonymised.", "%(count)d contacts anonymised.", count) % {"count": count},
        )


@admin.register(ContactErasure)
class ContactErasureAdmin(ReadOnlyAdmin):
    """Who erased whom and when, and how much was replaced; none of the erased data."""

    list_display = ["contact", "erased_by", "erased_at", "hits_found", "fields_replaced", "replacements"]
    list_select_related = ["contact", "erased_by"]


@admin.register(RetentionDecision)
class RetentionDecisionAdmin(ReadOnlyAdmin):
    list_display = ["contact", "decided_by", "decided_at", "keep_until", "reason"]
    list_select_related = ["contact", "decided_by"]
