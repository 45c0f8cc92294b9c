"""Reminders of leads not contacted in time go through the reminder engine (see leads.reminder_sources)."""

import datetime

from leads.models import Lead
from reminders.engine import reminders_run


def lead_reminders_send(*, today: datetime.date | None = None) -> int:
    """Run the reminder engine for leads alone. Returns how many reminders were delivered."""
    return reminders_run(today=today, models=[Lead])["delivered"]
