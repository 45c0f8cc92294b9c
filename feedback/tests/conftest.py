import pytest


@pytest.fixture(autouse=True)
def _celery_eager(eager_celery):
    """Tasks queued by the services run in the test process."""
