"""Beat schedule of roadmap (wired by `manage.py setup_periodic_tasks`)."""


def periodic_tasks() -> list[tuple[str, str, dict]]:
    return [
        # Figures with no history of their own (care-plan coverage, contacted within rhythm, customers per
        # segment) are recorded once a night, after the nightly recomputation of next contact due (02:45),
        # so the day's snapshot reflects them; their trend starts from the first snapshot.
        ("roadmap: snapshot of live figures", "roadmap.tasks.snapshots_task", {"minute": "30", "hour": "3"}),
    ]
