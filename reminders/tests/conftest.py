import pytest


@pytest.fixture(autouse=True)
def _celery_eager(eager_celery):
    """The outbox's send task runs in the test process; tests/test_celery_worker.py covers a real worker."""
