"""Celery tasks: each takes IDs, loads rows and calls a service (reminders are the engine's: reminders.tasks)."""

from celery import shared_task


@shared_task
def ended_deliveries_task() -> int:
    from care_plans.services import followups_create_for_ended_deliveries

    return followups_create_for_ended_deliveries()


@shared_task
def manager_changes_task() -> int:
    from care_plans.services import followups_create_for_manager_changes

    return followups_create_for_manager_changes()


@shared_task
def followups_for_delivery_task(delivery_id: int, actor_id: int | None = None) -> int:
    """After-care for one completed delivery; safe to run twice (a (delivery, step) has one follow-up)."""
    from django.contrib.auth import get_user_model

    from care_plans.services import followups_create_for_delivery
    from crm.models import Delivery

    delivery = Delivery.objects.select_related("organisation", "service_type").get(pk=delivery_id)
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    return len(followups_create_for_delivery(delivery=delivery, actor=actor))


@shared_task
def required_items_task() -> int:
    from care_plans.required import required_items_create

    return required_items_create()


@shared_task
def progress_checks_task() -> int:
    from care_plans.service_path import progress_checks_create

    return progress_checks_create()


@shared_task
def responsible_changes_task() -> int:
    from care_plans.service_path import followups_create_for_responsible_changes

    return followups_create_for_responsible_changes()
