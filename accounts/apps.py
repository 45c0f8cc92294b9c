from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Users and roles")

    def ready(self) -> None:
        from outbox.context import register_context

        from . import personal_data, signals  # noqa: F401
        from .services import PASSWORD_RESET_TEMPLATE, password_reset_email_context

        register_context(PASSWORD_RESET_TEMPLATE, password_reset_email_context)
        from accounts import bench

        bench.register()  # its part of the scale data and its benchmark pages (kumppani.bench)
