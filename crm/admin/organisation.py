"""Admin for organisations, their partnership agreements and account-team history.

Nothing here deletes an organisation: it is archived (is_archived) through crm.services, which leaves a
timeline entry. Saves go through the services too, so the size class, the account-team history and the
timeline stay as the rest of Kumppani keeps them.
"""

from django import forms
from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX

from crm import services
from crm.models import AccountTeamAssignment, Contact, Organisation, PartnershipAgreement
from kumppani.web.admin import HistoryAdmin, NoDeleteInlineMixin, ReadOnlyAdmin, ReadOnlyInlineMixin
from kumppani.web.admin_export import StreamingCSVExportMixin

from .resources import OrganisationResource


class PartnershipAgreementInline(NoDeleteInlineMixin, admin.TabularInline):
    model = PartnershipAgreement
    fields = ["title", "start_date", "end_date", "document"]
    extra = 0
    show_change_link = True


class ContactInline(NoDeleteInlineMixin, admin.TabularInline):
    model = Contact
    fields = ["first_name", "last_name", "title", "email", "phone", "is_decision_maker", "is_active"]
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        # Anonymised people are left out: they stay anonymous and are not edited here.
        return super().get_queryset(request).filter(anonymised_at__isnull=True)


class AccountTeamAssignmentInline(ReadOnlyInlineMixin, admin.TabularInline):
    """Who was responsible, from when to when: written by crm.services.account_team_assign only."""

    model = AccountTeamAssignment
    fk_name = "organisation"
    fields = ["role", "user", "valid_from", "valid_to", "assigned_by"]
    readonly_fields = fields
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "assigned_by")


class OrganisationAdminForm(forms.ModelForm):
    def clean(self):
        data = super().clean()
        # A new customer's responsible unit defaults to its account manager's primary unit, as on the site.
        manager = data.get("account_manager")
        if self.instance.pk is None and not data.get("responsible_unit") and manager:
            data["responsible_unit"] = manager.primary_unit_or_none()
        return data


@admin.register(Organisation)
class OrganisationAdmin(StreamingCSVExportMixin, ImportExportMixin, HistoryAdmin):
    form = OrganisationAdminForm
    resource_classes = [OrganisationResource]
    import_formats = [CSV, XLSX]
    export_formats = [CSV, XLSX]

    list_display = [
        "name",
        "business_id",
        "customer_group",
        "size_class",
        "municipality",
        "account_manager",
        "responsible_unit",
        "status",
        "is_archived",
    ]
    list_filter = [
        "customer_group",
        "responsible_unit",
        "size_class",
        "status",
        "is_archived",
        "municipality__is_owner",
        "relation",
    ]
    search_fields = ["name", "business_id", "contacts__last_name"]
    search_help_text = _("Name, business ID or a contact person's last name.")
    list_select_related = ["municipality", "account_manager", "responsible_unit"]
    list_per_page = 50
    autocomplete_fields = [
        "municipality",
        "industry",
        "direct_customer",
        "account_manager",
        "deputy_manager",
        "followers",
    ]
    readonly_fields = ["size_class", "last_contact_at", "segment", "next_contact_due", "created_at", "updated_at"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "business_id",
                    "customer_group",
                    "responsible_unit",
                    "operating_form",
                    "industry",
                    "status",
                    "relation",
                    "direct_customer",
                    "is_archived",
                ]
            },
        ),
        (_("Size"), {"fields": ["headcount", "turnover", "size_class"]}),
        (_("Address"), {"fields": ["street_address", "postal_code", "post_office", "municipality", "website"]}),
        (_("Account team"), {"fields": ["account_manager", "deputy_manager", "followers"]}),
        (_("Description"), {"fields": ["description"]}),
        (
            _("Kept by Kumppani"),
            {
                "fields": ["last_contact_at", "segment", "next_contact_due", "created_at", "updated_at"],
                "classes": ["collapse"],
            },
        ),
    ]
    inlines = [PartnershipAgreementInline, ContactInline, AccountTeamAssignmentInline]
    actions = ["archive_selected", "restore_selected"]

    def has_import_permission(self, request) -> bool:
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request) -> bool:
        return self.has_view_permission(request)

    def save_model(self, request, obj: Organisation, form, change: bool) -> None:
        obj._history_user = request.user
        manager, deputy, archived = obj.account_manager, obj.deputy_manager, obj.is_archived
        # The account team and the archive flag change through their services, which leave a trace;
        # save everything else first with the stored values.
        if change:
            stored = Organisation.objects.only("account_manager", "deputy_manager", "is_archived").get(pk=obj.pk)
            obj.account_manager_id, obj.deputy_manager_id = stored.account_manager_id, stored.deputy_manager_id
            obj.is_archived = stored.is_archived
        else:
            obj.account_manager = obj.deputy_manager = None
            obj.is_archived = False
        # organisation_save calls organisation_refresh_size_class before saving: the size class stays derived.
        services.organisation_save(organisation=obj, actor=request.user)
        if (obj.account_manager_id, obj.deputy_manager_id) != (
            manager.pk if manager else None,
            deputy.pk if deputy else None,
        ):
            services.account_team_assign(organisation=obj, manager=manager, deputy=deputy, actor=request.user)
            obj.account_manager, obj.deputy_manager = manager, deputy
        if archived != obj.is_archived:
            services.organisation_set_archived(organisation=obj, archived=archived, actor=request.user)

    def save_formset(self, request, form, formset, change: bool) -> None:
        # New and edited contacts and agreements go through their services (created_by, timeline).
        if formset.model is Contact:
            for contact in formset.save(commit=False):
                services.contact_save(contact=contact, actor=request.user)
            formset.save_m2m()
        elif formset.model is PartnershipAgreement:
            for agreement in formset.save(commit=False):
                services.agreement_save(agreement=agreement, actor=request.user)
            formset.save_m2m()
        else:
            super().save_formset(request, form, formset, change)

    def _set_archived(self, request, queryset, archived: bool) -> int:
        count = 0
        with transaction.atomic():
            for organisation in queryset.filter(is_archived=not archived):
                services.organisation_set_archived(organisation=organisation, archived=archived, actor=request.user)
                count += 1
        return count

    @admin.action(description=_("Archive selected organisations"), permissions=["change"])
    def archive_selected(self, request, queryset) -> None:
        count = self._set_archived(request, queryset, archived=True)
        self.message_user(
            request,
            ngettext("%(count)d organisation archived.", "%(count)d organisations archived.", count) % {"count": count},
        )

    @admin.action(description=_("Restore selected organisations from the archive"), permissions=["change"])
    def restore_selected(self, request, queryset) -> None:
        count = self._set_archived(request, queryset, archived=False)
        self.message_user(
            request,
            ngettext(
                "%(count)d organisation restored from the archive.",
                "%(count)d organisations restored from the archive.",
                count,
            )
            % {"count": count},
        )


@admin.register(PartnershipAgreement)
class PartnershipAgreementAdmin(HistoryAdmin):
    list_display = ["title", "organisation", "start_date", "end_date", "is_active_today", "created_by"]
    list_filter = ["start_date", "end_date"]
    search_fields = ["title", "organisation__name", "organisation__business_id"]
    list_select_related = ["organisation", "created_by"]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["created_by"]
    date_hierarchy = "start_date"

    @admin.display(description=_("active today"), boolean=True)
    def is_active_today(self, obj: PartnershipAgreement) -> bool:
        return obj.is_active()

    def save_model(self, request, obj, form, change: bool) -> None:
        obj._history_user = request.user
        services.agreement_save(agreement=obj, actor=request.user)


class CurrentAssignmentFilter(admin.SimpleListFilter):
    title = _("current")
    parameter_name = "current"

    def lookups(self, request, model_admin):
        return [("yes", _("Current")), ("no", _("Ended"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(valid_to__isnull=True)
        if self.value() == "no":
            return queryset.filter(valid_to__isnull=False)
        return queryset


@admin.register(AccountTeamAssignment)
class AccountTeamAssignmentAdmin(ReadOnlyAdmin):
    """The account-team history, read-only: the team is changed on the organisation."""

    list_display = ["organisation", "role", "user", "valid_from", "valid_to", "assigned_by"]
    list_filter = ["role", CurrentAssignmentFilter]
    search_fields = ["organisation__name", "user__email", "user__last_name"]
    list_select_related = ["organisation", "user", "assigned_by"]
    date_hierarchy = "valid_from"
