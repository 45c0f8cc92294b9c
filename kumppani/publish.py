"""Queue a Celery task without making the caller wait for, or fail on, a broker that is down.

One attempt on a connection of its own with short timeouts (Celery's pooled connection would keep retrying
for broker_connection_timeout and more, even with retry=False). When the broker cannot be reached the call
logs and returns False: whatever the task would have done is done later by a sweep that looks for it (the
outbox's sweep sends unsent mail; the nightly after-care sweep creates missing follow-ups; the nightly
agreement check reviews agreements). So every task queued this way must be safe to run twice.
"""

import logging
from functools import partial

from django.db import transaction

logger = logging.getLogger(__name__)

PUBLISH_TIMEOUT_SECONDS = 2


def publish(task, *args) -> bool:
    app = task.app
    if app.conf.task_always_eager:
        # Run here and now (tests, the demo seed): no broker is involved.
        task.apply_async(args)
        return True
    try:
        with app.connection_for_write(
            connect_timeout=PUBLISH_TIMEOUT_SECONDS,
            transport_options={
                "max_retries": 0,
                "socket_connect_timeout": PUBLISH_TIMEOUT_SECONDS,
                "socket_timeout": PUBLISH_TIMEOUT_SECONDS,
            },
        ) as connection:
            task.apply_async(args, retry=False, connection=connection)
    except Exception:
        logger.warning("Task %s%r not published to the broker; its sweep does the work", task.name, args, exc_info=True)
        return False
    return True


def publish_after_commit(task, *args) -> None:
    """Publish once the current transaction commits (at once outside one); nothing if it rolls back."""
    transaction.on_commit(partial(publish, task, *args))
