from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoadmapConfig(AppConfig):
    name = "roadmap"
    verbose_name = _("Roadmap and management dashboards")

    def ready(self) -> None:
        from accounts.navigation import register_nav_item
        from accounts.roles import Role
        from crm.access import register_landing_page
        from roadmap import personal_data  # noqa: F401
        from roadmap.access import READER_ROLES

        register_nav_item(_("Dashboard"), "roadmap:dashboard", roles=list(READER_ROLES), order=2)
        register_landing_page(Role.MANAGEMENT, "roadmap:dashboard")  # management's first page
        from roadmap import bench

        bench.register()  # its part of the scale data and its benchmark pages (kumppani.bench)
