"""The project's own rows: what `setup_periodic_tasks` last applied to each beat entry."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class BeatScheduleDefault(models.Model):
    """The values `setup_periodic_tasks` last wrote into a django-celery-beat entry of the same name.

    A later run updates the entry only while its current values still equal these: an entry an admin paused,
    re-timed or pointed elsewhere has left Kumppani's default and stays as the admin set it.
    """

    name = models.CharField(_("name"), max_length=200, unique=True)  # PeriodicTask.name
    # {"task": …, "schedule": {crontab fields and timezone}, "enabled": …, "args": […]}
    values = models.JSONField(_("applied values"))
    applied_at = models.DateTimeField(_("applied"), default=timezone.now)

    class Meta:
        verbose_name = _("beat schedule default")
        verbose_name_plural = _("beat schedule defaults")

    def __str__(self) -> str:
        return self.name
