"""Beat schedule of leads and offers (wired by `manage.py setup_periodic_tasks`).

Lead contact reminders run with every other kind in the reminder engine's schedule (reminders/schedule.py).
"""


def periodic_tasks() -> list[tuple[str, str, dict]]:
    return [
        # Sent offers past their validity expire: nightly just after midnight, so "valid until" includes its day.
        ("leads: expire offers", "leads.tasks.expire_offers_task", {"minute": "10", "hour": "0"}),
    ]
