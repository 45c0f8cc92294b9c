"""Celery tasks of segments: thin wrappers around services."""

from celery import shared_task

from segments import services


@shared_task
def refresh_suggestions_task() -> dict:
    return services.suggestions_refresh()


@shared_task
def check_agreements_task() -> dict:
    return services.agreements_check()


@shared_task
def recompute_next_contacts_task() -> int:
    return services.next_contacts_recompute()
