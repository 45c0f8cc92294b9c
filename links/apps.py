from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LinksConfig(AppConfig):
    """Public no-login links (unsubscribe, survey answers, event registration): above accounts, below reminders."""

    name = "links"
    verbose_name = _("Public links")
