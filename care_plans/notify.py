"""The one place care_plans hands an in-app notice to the notification centre.

accounts.notifications owns the Notification model, its unread count and the centre's page; this adapter
keeps care_plans' call in one place (and does nothing if that module is missing, so the Reminder rows
stay the record).
"""

import logging

logger = logging.getLogger(__name__)


def notify(*, user, code: str, params: dict | None = None, url: str = "", kind: str = "care_reminder") -> None:
    """Write one in-app notice (a message code and parameters, see accounts.messages) for `user`.

    Runs inside the caller's transaction.
    """
    try:
        from accounts import notifications
    except ImportError:
        return
    send = getattr(notifications, "notify", None)
    if send is None:
        return
    send(recipient=user, code=code, params=params, url=url)
