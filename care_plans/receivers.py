"""Reactions to the register's events (connected in apps.py): signals only notify, services do the work."""

from care_plans import services
from care_plans.tasks import followups_for_delivery_task
from kumppani.publish import publish_after_commit


def on_delivery_completed(sender, *, delivery, actor=None, **kwargs) -> None:
    """Queued, not done here: a failure must not fail the request that already committed the delivery, and the
    nightly after-care sweep creates what a lost task did not."""
    publish_after_commit(followups_for_delivery_task, delivery.pk, actor.pk if actor else None)


def on_account_manager_changed(sender, *, organisation, old_manager, new_manager, actor=None, **kwargs) -> None:
    services.followup_create_for_manager_change(
        organisation=organisation, old_manager=old_manager, new_manager=new_manager, actor=actor
    )


def on_delivery_responsible_changed(sender, *, delivery, old_responsible_id, new_responsible, actor=None, **kwargs):
    from django.contrib.auth import get_user_model

    from care_plans.service_path import followup_create_for_responsible_change

    followup_create_for_responsible_change(
        delivery=delivery,
        old_responsible=get_user_model().objects.filter(pk=old_responsible_id).first(),
        new_responsible=new_responsible,
        actor=actor,
    )
