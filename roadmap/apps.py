from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoadmapConfig(AppConfig):
    name = "roadmap"
    verbose_name = _("Roadmap and management dashboards")

    def ready(self) -> None:
        from accounts.navigation import register_nav_item
        from roadmap import personal_data  # noqa: F401
        from roadmap.access import READER_ROLES

        register_nav_item(_("Roadmap"), "roadmap:dashboard", roles=list(READER_ROLES), order=2)
