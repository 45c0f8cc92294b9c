"""Reactions to deliveries done and follow-ups recorded (connected in apps.py): a task writes the invitations."""

from feedback.tasks import invitations_for_delivery_task, invitations_for_follow_up_task
from kumppani.publish import publish_after_commit


def on_delivery_completed(sender, *, delivery, actor=None, **kwargs) -> None:
    """Queued, not done here: the nightly sweep (invitations_sweep_task) writes what a lost task did not."""
    publish_after_commit(invitations_for_delivery_task, delivery.pk)


def on_followup_completed(sender, *, follow_up, actor=None, **kwargs) -> None:
    publish_after_commit(invitations_for_follow_up_task, follow_up.pk)
