import pytest


@pytest.fixture(autouse=True)
def _celery_eager(eager_celery):
    """Tasks queued by the services run in the test process; tests/test_celery_worker.py covers a real worker."""


@pytest.fixture
def client_as(client):
    def login(user):
        client.force_login(user)
        return client

    return login
