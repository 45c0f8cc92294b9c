from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeadsConfig(AppConfig):
    """Leads that teachers pass and offers that account managers make: above the register, below segments."""

    name = "leads"
    verbose_name = _("Leads and offers")

    def ready(self) -> None:
        from accounts.navigation import register_nav_item
        from accounts.roles import Role
        from crm.my_work import register_source
        from crm.panels import register_panel
        from crm.timeline import register_kind
        from leads import messages, personal_data, reminder_sources, work_sources  # noqa: F401  (messages registers its sentences)
        from leads.services.mail import lead_mail_render_context
        from leads.views.leads import organisation_panel
        from outbox.context import register_context

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
            "leads", template="leads/organisation_panel.html", context=organisation_panel, order=50, column="main"
        )
        register_source(
            "leads", rows=work_sources.lead_rows, item=work_sources.lead_item, due=work_sources.LEAD_DUE, order=50
        )
        register_context("emails/leads", lead_mail_render_context)
        reminder_sources.register()
        from leads import bench

        bench.register()  # its part of the scale data and its benchmark pages (kumppani.bench)
