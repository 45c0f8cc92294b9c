"""Beat schedule of segments (wired by `manage.py setup_periodic_tasks`)."""


def periodic_tasks() -> list[tuple[str, str, dict]]:
    return [
        # Agreements end at midnight; flag lapsed strategic customers early so the review is there by morning.
        # Before the suggestion refresh, which then already proposes a new segment for them.
        (
            "segments: check partnership agreements",
            "segments.tasks.check_agreements_task",
            {"minute": "30", "hour": "1"},
        ),
        # Suggestions read a 24-month window and a 12-month value window: once a night is fresh enough, and the
        # refresh (a few aggregate queries over every customer) runs when nobody is deciding in the queue.
        ("segments: refresh suggestions", "segments.tasks.refresh_suggestions_task", {"minute": "0", "hour": "2"}),
        # Logged contacts update due dates at once; this nightly rebuild catches edited or deleted interactions
        # and care-model changes. After midnight so "today" is the new day.
        (
            "segments: recompute next contacts",
            "segments.tasks.recompute_next_contacts_task",
            {"minute": "45", "hour": "2"},
        ),
    ]
