from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    """The reminder engine: above accounts and the outbox, below every app that has due items."""

    name = "reminders"
    verbose_name = _("Reminders")

    def ready(self) -> None:
        from outbox.context import register_context
        from reminders.mail import mail_context, preload

        register_context("emails/reminders", mail_context, preload=preload)
