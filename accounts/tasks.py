from celery import shared_task

from .services import login_attempts_prune


@shared_task
def prune_login_attempts_task() -> int:
    return login_attempts_prune()


@shared_task
def forget_submitted_forms_task() -> int:
    from .idempotency import submitted_forms_forget

    return submitted_forms_forget()
