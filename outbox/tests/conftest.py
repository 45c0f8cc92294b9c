from pathlib import Path

import pytest

from kumppani.celery import app as celery_app
from outbox import context

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


@pytest.fixture(autouse=True)
def _outbox_test_templates(settings):
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], TEMPLATES_DIR]}, *settings.TEMPLATES[1:]]


@pytest.fixture(autouse=True)
def _providers_restored():
    """Tests may register context providers; the apps' own are back afterwards."""
    saved = dict(context._PROVIDERS)
    yield
    context._PROVIDERS.clear()
    context._PROVIDERS.update(saved)


@pytest.fixture
def eager_celery():
    """The send task runs in the test process when the transaction commits (a real worker: tests/)."""
    old = celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = old


@pytest.fixture
def refusing_smtp(settings):
    settings.EMAIL_BACKEND = "outbox.tests.backends.RefusingBackend"
