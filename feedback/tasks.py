"""Celery tasks: each takes IDs, loads rows and calls a service."""

import datetime

from celery import shared_task


@shared_task
def invitations_for_delivery_task(delivery_id: int) -> int:
    from crm.models import Delivery
    from feedback.services.invitations import invitations_for_delivery

    delivery = Delivery.objects.select_related("organisation").get(pk=delivery_id)
    return len(invitations_for_delivery(delivery=delivery))


@shared_task
def invitations_for_follow_up_task(follow_up_id: int) -> int:
    from care_plans.models import FollowUp
    from feedback.services.invitations import invitations_for_follow_up

    follow_up = FollowUp.objects.select_related("organisation", "contact", "delivery").get(pk=follow_up_id)
    return len(invitations_for_follow_up(follow_up=follow_up))


@shared_task
def invitations_sweep_task(days: int = 3) -> int:
    """Invitations for deliveries and follow-ups completed in the last days whose task was lost (idempotent)."""
    from django.utils import timezone

    from care_plans.models import FollowUp
    from crm.models import Delivery
    from feedback.services.invitations import invitations_for_delivery, invitations_for_follow_up

    since = timezone.now() - datetime.timedelta(days=days)
    count = 0
    for delivery in Delivery.objects.filter(status=Delivery.Status.DONE, completed_at__gte=since).select_related(
        "organisation"
    ):
        count += len(invitations_for_delivery(delivery=delivery))
    for follow_up in FollowUp.objects.filter(status=FollowUp.Status.DONE, completed_at__gte=since).select_related(
        "organisation", "contact"
    ):
        count += len(invitations_for_follow_up(follow_up=follow_up))
    return count


@shared_task
def send_invitations_task() -> dict:
    from feedback.services.invitations import invitations_send, reminders_send

    return {"invitations": invitations_send(), "reminders": reminders_send()}


@shared_task
def organisations_nps_task() -> int:
    from feedback.services.answers import organisations_nps_refresh

    return organisations_nps_refresh()
