from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CrmConfig(AppConfig):
    name = "crm"
    verbose_name = _("Customer register")

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from accounts.navigation import register_nav_item
        from accounts.roles import Role
        from crm import messages, personal_data  # noqa: F401  (register sentences and personal data)

        register_nav_item(_("My customers"), "crm:my_customers", roles=[Role.ACCOUNT_MANAGER], order=10)
        register_nav_item(
            _("Customers"), "crm:organisation_list", roles=[Role.ACCOUNT_MANAGER, Role.MANAGEMENT, Role.ADMIN], order=20
        )
        register_nav_item(_("Retention review"), "crm:retention_review", roles=[Role.ADMIN], order=890)
        register_nav_item(_("Administration"), "admin:index", roles=[Role.ADMIN], order=900, staff_only=True)
        from crm import bench

        bench.register()  # its part of the scale data and its benchmark pages (kumppani.bench)
