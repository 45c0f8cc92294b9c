"""Choices several care-plan models share: contact channels and the status of actions and follow-ups."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    MEETING = "meeting", _("Meeting")
    EMAIL = "email", _("E-mail")
    VIDEO = "video", _("Video call")
    EVENT = "event", _("Event")
    NEWSLETTER = "newsletter", _("Newsletter")


# The channels an after-care contact is made in: personally, by phone or in a meeting; e-mail gets lost
# (the after-care thesis, Pirkanmaa TE office 2015).
FOLLOW_UP_CHANNELS = [(c.value, c.label) for c in (Channel.PHONE, Channel.MEETING, Channel.EMAIL, Channel.VIDEO)]


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")
