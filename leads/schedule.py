"""Beat schedule of leads and offers (wired by `manage.py setup_periodic_tasks`)."""


def periodic_tasks() -> list[tuple[str, str, dict]]:
    return [
        # Leads not contacted in time: each working-day morning at 8, before the working day starts,
        # the assignee (stage 1) and then the unit's head (stage 2) are reminded. The job skips weekends
        # by its cron; Finnish holidays only delay a reminder, they never duplicate one (unique reminder rows).
        (
            "leads: lead contact reminders",
            "leads.tasks.lead_reminders_task",
            {"minute": "0", "hour": "8", "day_of_week": "1-5"},
        ),
        # Sent offers past their validity expire: nightly just after midnight, so "valid until" includes its day.
        ("leads: expire offers", "leads.tasks.expire_offers_task", {"minute": "10", "hour": "0"}),
    ]
