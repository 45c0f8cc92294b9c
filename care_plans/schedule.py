"""Beat schedule of care_plans (wired by `manage.py setup_periodic_tasks`)."""


def periodic_tasks() -> list[tuple[str, str, dict]]:
    return [
        # Stages are by date, so one run a day would do; running hourly through the working day means a
        # follow-up created this morning is reminded today, and a missed run costs an hour, not a day.
        # Each (item, stage, recipient) is reminded once however often this runs.
        ("care_plans: reminders", "care_plans.tasks.run_reminders_task", {"minute": "5", "hour": "6-18"}),
        # Deliveries that ended yesterday without being marked done get their after-care before the day starts.
        (
            "care_plans: after-care for ended deliveries",
            "care_plans.tasks.ended_deliveries_task",
            {"minute": "40", "hour": "5"},
        ),
        # Daily digests go out after the first reminder run of the day has collected the morning's rows.
        ("care_plans: daily digest", "care_plans.tasks.send_digests_task", {"minute": "30", "hour": "7"}),
    ]
