import pytest

from kumppani.celery import app as celery_app


@pytest.fixture(autouse=True)
def _celery_eager():
    old = celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = old


@pytest.fixture
def client_as(client):
    def login(user):
        client.force_login(user)
        return client

    return login
