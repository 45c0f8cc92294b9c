import pytest
from celery.result import _set_task_join_will_block

from kumppani.celery import app as celery_app


@pytest.fixture(autouse=True)
def _celery_eager():
    """Tasks queued by the services run in the test process; tests/test_celery_worker.py covers a real worker."""
    old = celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = old
    # Eager tasks run in threads (test_exactly_once) can leave Celery's process-global "inside a task" flag set.
    _set_task_join_will_block(False)
