"""Beat schedule of feedback (wired by `manage.py setup_periodic_tasks`)."""


def periodic_tasks() -> list[tuple[str, str, dict]]:
    return [
        # Invitations whose delay has passed, and the one reminder, go out hourly through the day.
        ("feedback: send survey invitations", "feedback.tasks.send_invitations_task", {"minute": "20", "hour": "8-18"}),
        # A delivery or follow-up whose invitation task was lost gets its invitations (they are unique per person).
        ("feedback: invitations sweep", "feedback.tasks.invitations_sweep_task", {"minute": "50", "hour": "5"}),
        # Answers age out of the last 12 months: the stored NPS on organisations follows.
        ("feedback: organisations' NPS", "feedback.tasks.organisations_nps_task", {"minute": "55", "hour": "5"}),
    ]
