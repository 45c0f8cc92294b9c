from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CrmConfig(AppConfig):
    name = "crm"
    verbose_name = _("Customer register")

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from accounts.navigation import register_nav_item
        from accounts.roles import Role

        register_nav_item(_("My customers"), "crm:my_customers", roles=[Role.ACCOUNT_MANAGER], order=10)
        register_nav_item(
            _("Customers"), "crm:organisation_list", roles=[Role.ACCOUNT_MANAGER, Role.MANAGEMENT, Role.ADMIN], order=20
        )
        register_nav_item(_("Administration"), "admin:index", roles=[Role.ADMIN], order=900, staff_only=True)
        # Leads and offers (issue 4): navigation, timeline kinds, the organisation-page panel, admin.
        from crm import lead_admin  # noqa: F401
        from crm.panels import register_panel
        from crm.timeline import register_kind
        from crm.views.leads import organisation_panel

        register_nav_item(_("My leads"), "leads:my_leads", roles=[Role.TEACHER], order=5)
        register_nav_item(_("Pass a lead"), "leads:lead_create", roles=[Role.TEACHER], order=6)
        lead_readers = [Role.ACCOUNT_MANAGER, Role.MANAGEMENT, Role.ADMIN]
        sales = _("Leads and offers")
        register_nav_item(_("Leads"), "leads:lead_list", roles=lead_readers, order=30, group=sales)
        register_nav_item(_("Triage"), "leads:triage", roles=[Role.ACCOUNT_MANAGER, Role.ADMIN], order=31, group=sales)
        register_nav_item(_("Offers"), "leads:offer_list", roles=lead_readers, order=32, group=sales)
        register_nav_item(
            _("Lead statistics"), "leads:lead_statistics", roles=[Role.MANAGEMENT, Role.ADMIN], order=33, group=sales
        )
        register_kind("lead", _("Lead"), "L")
        register_kind("offer", _("Offer"), "O")
        register_panel(
            "leads", template="crm/leads/organisation_panel.html", context=organisation_panel, order=50, column="main"
        )
