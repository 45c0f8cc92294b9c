"""Beat schedule of care_plans (wired by `manage.py setup_periodic_tasks`); reminders run in reminders/schedule.py."""


def periodic_tasks() -> list[tuple[str, str, dict]]:
    return [
        # Deliveries that ended yesterday without being marked done get their after-care before the day starts.
        (
            "care_plans: after-care for ended deliveries",
            "care_plans.tasks.ended_deliveries_task",
            {"minute": "40", "hour": "5"},
        ),
        # A manager change whose follow-up was not made after its commit (the receiver failed) gets it before
        # the day starts; the change is a stored assignment row, so nothing is lost meanwhile.
        (
            "care_plans: follow-ups for manager changes",
            "care_plans.tasks.manager_changes_task",
            {"minute": "45", "hour": "5"},
        ),
        # What care models require (an annual review, steering group meetings) comes due before the day starts.
        (
            "care_plans: required care-model items",
            "care_plans.tasks.required_items_task",
            {"minute": "50", "hour": "5"},
        ),
        # Long deliveries get their progress checks; a lost change of a delivery's responsible person gets its
        # follow-up (the change is in the delivery's history, so nothing is lost meanwhile).
        ("care_plans: progress checks", "care_plans.tasks.progress_checks_task", {"minute": "55", "hour": "5"}),
        (
            "care_plans: follow-ups for responsible changes",
            "care_plans.tasks.responsible_changes_task",
            {"minute": "0", "hour": "6"},
        ),
    ]
