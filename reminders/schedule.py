"""Beat schedule of the reminder engine (wired by `manage.py setup_periodic_tasks`)."""


def periodic_tasks() -> list[tuple[str, str, dict]]:
    return [
        # Stages are by date, so one run a day would do; running hourly through the working day means an item
        # that fell due this morning is reminded today, and a missed run costs an hour, not a day. The first
        # run, at 6.05, is before the working day starts. Each (item, stage, recipient) is reminded once
        # however often this runs, for every kind (follow-ups, plan actions and reviews, leads).
        ("reminders: run", "reminders.tasks.run_reminders_task", {"minute": "5", "hour": "6-18"}),
        # Daily digests go out after the first reminder run of the day has collected the morning's rows.
        ("reminders: daily digest", "reminders.tasks.send_digests_task", {"minute": "30", "hour": "7"}),
    ]
