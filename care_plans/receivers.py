"""Reactions to the register's events (connected in apps.py): signals only notify, services do the work."""

from care_plans import services


def on_delivery_completed(sender, *, delivery, actor=None, **kwargs) -> None:
    services.followups_create_for_delivery(delivery=delivery, actor=actor)


def on_account_manager_changed(sender, *, organisation, old_manager, new_manager, actor=None, **kwargs) -> None:
    services.followup_create_for_manager_change(
        organisation=organisation, old_manager=old_manager, new_manager=new_manager, actor=actor
    )
