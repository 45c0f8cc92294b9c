"""Beat schedule of accounts (wired by `manage.py setup_periodic_tasks`)."""


def periodic_tasks() -> list[tuple[str, str, dict]]:
    return [
        # Failed logins only matter inside the throttle window, the login log for LOGIN_LOG_DAYS: a nightly sweep.
        ("accounts: prune failed logins", "accounts.tasks.prune_login_attempts_task", {"minute": "15", "hour": "3"}),
        # A create form's key returns its first result for 24 hours; older keys are removed nightly.
        ("accounts: forget sent forms", "accounts.tasks.forget_submitted_forms_task", {"minute": "20", "hour": "3"}),
    ]
