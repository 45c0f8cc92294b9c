"""django-import-export resources: the organisation register in and out as CSV/XLSX, contacts out."""

from import_export import fields, resources
from import_export.widgets import BooleanWidget, CachedForeignKeyWidget, ForeignKeyWidget

from accounts.messages import build
from crm.models import Contact, Industry, Municipality, Organisation, RegisterSettings
from crm.services import organisation_refresh_size_class
from crm.timeline import timeline_add


class OrganisationResource(resources.ModelResource):
    """Rows are matched on id; a row without id is a new organisation.

    The size class is derived on import; the responsible unit is given by the unit's id. The account team and
    the archive flag are export-only: they change through crm.services so that the team history and the
    timeline stay complete.
    """

    # Municipalities and industries by their official codes, which a spreadsheet can carry.
    municipality = fields.Field(
        attribute="municipality", column_name="municipality", widget=CachedForeignKeyWidget(Municipality, "code")
    )
    # Only TOL 2008 is shipped; when TOL 2025 arrives the code alone may be ambiguous (the row then fails).
    industry = fields.Field(attribute="industry", column_name="industry", widget=ForeignKeyWidget(Industry, "code"))
    size_class = fields.Field(attribute="size_class", column_name="size_class", readonly=True)
    account_manager = fields.Field(attribute="account_manager__email", column_name="account_manager", readonly=True)
    deputy_manager = fields.Field(attribute="deputy_manager__email", column_name="deputy_manager", readonly=True)
    # Archiving goes through crm.services.organisation_set_archived (timeline entry): export-only too.
    is_archived = fields.Field(
        attribute="is_archived", column_name="is_archived", readonly=True, widget=BooleanWidget()
    )

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "business_id",
            "customer_group",
            "responsible_unit",
            "operating_form",
            "industry",
            "headcount",
            "turnover",
            "size_class",
            "municipality",
            "street_address",
            "postal_code",
            "post_office",
            "website",
            "status",
            "relation",
            "direct_customer",
            "description",
            "account_manager",
            "deputy_manager",
            "is_archived",
        ]
        export_order = fields
        clean_model_instances = True  # business ID check digit, direct/indirect rules
        skip_unchanged = True
        report_skipped = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._micro_limit: int | None = None

    def filter_export(self, queryset, **kwargs):
        return (
            super()
            .filter_export(queryset, **kwargs)
            .select_related("municipality", "industry", "account_manager", "deputy_manager")
        )

    def before_save_instance(self, instance, row, **kwargs):
        if self._micro_limit is None:
            self._micro_limit = RegisterSettings.load().micro_headcount_limit
        organisation_refresh_size_class(instance, micro_limit=self._micro_limit)

    def save_instance(self, instance, is_create, row, **kwargs):
        super().save_instance(instance, is_create, row, **kwargs)
        saved = not self._is_dry_run(kwargs) or self._is_using_transactions(kwargs)
        if is_create and saved and not self._meta.use_bulk:
            timeline_add(
                organisation=instance,
                kind="register",
                actor=kwargs.get("user"),
                **build("crm.organisation_imported"),
            )


class ContactResource(resources.ModelResource):
    """Export only: contacts with their organisation, for checks and mailing lists."""

    organisation_name = fields.Field(attribute="organisation__name", column_name="organisation", readonly=True)
    organisation_business_id = fields.Field(
        attribute="organisation__business_id", column_name="organisation_business_id", readonly=True
    )

    class Meta:
        model = Contact
        fields = [
            "id",
            "organisation_name",
            "organisation_business_id",
            "first_name",
            "last_name",
            "title",
            "work_role",
            "is_decision_maker",
            "email",
            "phone",
            "language",
            "is_active",
            "anonymised_at",
            "created_at",
        ]
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset, **kwargs).select_related("organisation")
