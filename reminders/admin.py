"""Admin for reminder rows (read to see what went to whom) and people's reminder preferences."""

from django.contrib import admin

from kumppani.web.admin import HistoryAdmin, NoDeleteAdmin
from reminders.models import Reminder, ReminderPreference


@admin.register(Reminder)
class ReminderAdmin(NoDeleteAdmin):
    """Not deleted: the engine would create a deleted reminder's row again and send it once more."""

    list_display = ["item_type", "item_id", "stage", "recipient", "due_date", "sent_at", "emailed_at"]
    list_filter = ["stage"]
    raw_id_fields = ["recipient"]


@admin.register(ReminderPreference)
class ReminderPreferenceAdmin(HistoryAdmin):
    list_display = ["user", "email", "in_app", "daily_digest"]
    raw_id_fields = ["user"]
