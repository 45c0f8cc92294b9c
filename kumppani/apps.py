from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KumppaniConfig(AppConfig):
    """The project itself: wiring (settings, urls, Celery), the beat-schedule and demo commands, shared helpers.

    It stands at the top of the app line for what it wires (urls, the demo seed import every app) and
    offers `kumppani.lib` (Django-free helpers) and `kumppani.web` (the shared web layer) to every app;
    those two modules import no app.
    """

    name = "kumppani"
    verbose_name = _("Kumppani")
