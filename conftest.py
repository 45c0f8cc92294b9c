"""Project-wide test setup: services must be reachable, personas, and Chromium for browser journeys."""

import os
import shutil

# Playwright's sync API runs an event loop in the test thread; the ORM calls in those tests are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest
from django.conf import settings


def pytest_configure(config):
    """Fail the whole run at once, never skip, when PostgreSQL or Redis is not there."""
    # Hashing passwords at full strength makes each test user cost ~0.3 s; tests need no strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if os.environ.get("KUMPPANI_ALLOW_SQLITE_TESTS") == "1":
        return
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise pytest.UsageError("Tests run on PostgreSQL: set DATABASE_URL (see README, `make test`).")
    import redis

    broker = settings.CELERY_BROKER_URL
    if not broker.startswith("redis://"):
        raise pytest.UsageError("Tests run against Redis: set CELERY_BROKER_URL=redis://… (see `make test`).")
    try:
        redis.Redis.from_url(broker, socket_connect_timeout=3).ping()
    except redis.exceptions.RedisError as exc:
        raise pytest.UsageError(f"Redis at {broker} is unreachable: {exc}") from exc


# Data that migrations load (reference data, role groups, segments, care models). Regular tests see it;
# transactional tests (live server, Celery worker) flush every table afterwards, so it is loaded again
# before each of them. Each entry is (module, function(apps, schema_editor)); loaders must be idempotent.
MIGRATION_DATA_LOADERS = [
    ("crm.migrations.0002_search_index_and_reference_data", "load"),
    ("segments.migrations.0003_care_model_languages", "load"),
    ("segments.migrations.0006_care_models_by_group", "load"),
    ("care_plans.migrations.0005_step_titles_in_languages_followup_title_message", "load"),
    ("crm.migrations.0017_contact_roles_delivery_contacts_nps", "add_roles"),
    ("feedback.migrations.0001_initial", "shipped_data"),
]


@pytest.fixture(autouse=True)
def _migration_data_after_flush(request):
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
    if not (transactional or {"transactional_db", "live_server"} & set(request.fixturenames)):
        return
    request.getfixturevalue("transactional_db")
    import importlib

    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core.management.sql import emit_post_migrate_signal

    from accounts.services import roles_sync

    # A flush may have removed content types (and so permissions) too; the cache would then point at old ids.
    ContentType.objects.clear_cache()
    if not ContentType.objects.exists():
        emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
        ContentType.objects.clear_cache()
    for module_name, function in MIGRATION_DATA_LOADERS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError:
            continue  # an app not installed in this checkout
        getattr(module, function)(apps, None)
    roles_sync()


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # Manifest storage would need collectstatic before every run.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _figures_computed_each_time(settings):
    # Tests of a page's figures (and its query counts) see them computed; kumppani/web/tests/test_figures.py and
    # the two-node test turn the figure cache on.
    settings.FIGURE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits count in the cache; each test starts with none counted."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _finnish_by_default(settings):
    settings.LANGUAGE_CODE = "fi"


@pytest.fixture
def eager_celery():
    """Tasks queued by the code under test run in the test process when its transaction commits.

    Not autouse: tests/test_celery_worker.py runs a real worker and needs tasks to go to Redis. Apps whose tests
    all want it use it from an autouse fixture in their tests/conftest.py.
    """
    from celery.result import _set_task_join_will_block

    from kumppani.celery import app as celery_app

    old = celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = old
    # Eager tasks run in threads (the exactly-once tests) can leave Celery's process-global "inside a task" flag.
    _set_task_join_will_block(False)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        raise pytest.UsageError("Debian's chromium is needed for browser tests (`make browsers`).")
    return {
        **browser_type_launch_args,
        "executable_path": executable,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
        ],
    }


@pytest.fixture
def account_manager(db):
    from accounts.roles import Role
    from accounts.tests.factories import user_with_role

    return user_with_role(Role.ACCOUNT_MANAGER, email="am@example.fi", first_name="Anna", last_name="Asiakas")


@pytest.fixture
def teacher(db):
    from accounts.roles import Role
    from accounts.tests.factories import user_with_role

    return user_with_role(Role.TEACHER, email="teacher@example.fi", first_name="Olli", last_name="Opettaja")


@pytest.fixture
def management(db):
    from accounts.roles import Role
    from accounts.tests.factories import user_with_role

    return user_with_role(Role.MANAGEMENT, email="boss@example.fi", first_name="Johanna", last_name="Johto")


@pytest.fixture
def admin(db):
    from accounts.roles import Role
    from accounts.tests.factories import user_with_role

    return user_with_role(Role.ADMIN, email="admin@example.fi", first_name="Paula", last_name="Pääkäyttäjä")


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # Our users' browsers ask for Finnish; Playwright's default would be en-US.
    return {**browser_context_args, "locale": "fi-FI", "timezone_id": "Europe/Helsinki"}
