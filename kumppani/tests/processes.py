"""Helpers for tests that start real processes (Celery workers, web nodes, `make migrate`) on the test database."""

from django.db import connection


def database_url() -> str:
    """The pytest test database as a DATABASE_URL, for a subprocess to use the rows this test committed."""
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
