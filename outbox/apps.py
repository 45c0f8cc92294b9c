from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    """Every e-mail of the system as a row, sent by id. The lowest project app: it imports none of the others."""

    name = "outbox"
    verbose_name = _("Mail outbox")

    def ready(self) -> None:
        from outbox import personal_data  # noqa: F401  (registers its rows with kumppani.privacy)
