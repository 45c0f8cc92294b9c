"""Notifications copy names (a lead's contact person, a customer) into their text and parameters."""

from accounts.models import Notification
from kumppani.privacy import register

register(Notification, ["text", "params"])
