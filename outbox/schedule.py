"""Beat schedule of outbox (wired by `manage.py setup_periodic_tasks`)."""


def periodic_tasks() -> list[tuple[str, str, dict]]:
    return [
        # Every minute: mail whose task was lost (broker down at queueing, a worker killed mid-send) or whose
        # retry is due goes out within a minute of being due; a run with nothing due is one indexed query.
        ("outbox: send due and stuck mail", "outbox.tasks.outbox_sweep_task", {"minute": "*"}),
    ]
