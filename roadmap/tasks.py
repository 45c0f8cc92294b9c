from celery import shared_task

from roadmap.snapshots import snapshots_take


@shared_task(name="roadmap.tasks.snapshots_task")
def snapshots_task() -> int:
    return snapshots_take()
