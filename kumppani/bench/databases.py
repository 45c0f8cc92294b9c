"""The bench's own databases: one per size (`<base>_<size>`), cloned from a migrated template and reused while
the data they hold has the size asked for. Never `test` or `test_*` for bench data: the base name is refused.

Each step runs `manage.py` in a child process pointed at that database with production's settings (DEBUG
off, persistent connections), so the measuring process is configured as a web node is.
"""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

from kumppani.bench.context import META_TABLE

MANAGE = Path(__file__).resolve().parents[2] / "manage.py"


class BenchDatabases:
    def __init__(self, url: str, *, template: str | None = None, log=print):
        parts = urlsplit(url)
        self.base = parts.path.lstrip("/")
        if not self.base or self.base == "test" or self.base.startswith("test_"):
            raise ValueError(f"{self.base!r}: bench data never goes into `test` or a `test_*` database")
        self._parts = parts
        # A template given by the caller is migrated already (the test suite's database); ours is migrated here.
        self.migrate_template = template is None
        self.template = template or f"{self.base}_template"
        self._log = log

    def url(self, name: str) -> str:
        return urlunsplit(self._parts._replace(path=f"/{name}"))

    def name(self, size: int) -> str:
        return f"{self.base}_{size}"

    def _admin(self):
        return psycopg.connect(self.url("postgres").replace("postgres://", "postgresql://", 1), autocommit=True)

    def exists(self, name: str) -> bool:
        with self._admin() as conn:
            return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None

    def recorded_size(self, name: str) -> int | None:
        if not self.exists(name):
            return None
        with psycopg.connect(self.url(name).replace("postgres://", "postgresql://", 1)) as conn:
            if conn.execute("SELECT to_regclass(%s)", [META_TABLE]).fetchone()[0] is None:
                return None
            row = conn.execute(f"SELECT value->>'organisations' FROM {META_TABLE} WHERE key = 'facts'").fetchone()
        return int(row[0]) if row and row[0] else None

    def _execute(self, sql: str) -> None:
        with self._admin() as conn:
            conn.execute(sql)

    def manage(self, name: str, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
        environment = {**os.environ, **production_env(), "DATABASE_URL": self.url(name), **(env or {})}
        return subprocess.run([sys.executable, str(MANAGE), *args], env=environment, check=True)

    def prepare(self, size: int, *, seed: int, regenerate: bool) -> str:
        """The database for `size`, generated unless it already holds data of that size."""
        name = self.name(size)
        if not regenerate and self.recorded_size(name) == size:
            self._log(f"{name}: reusing its {size} organisations (--regenerate rebuilds it)")
            self.manage(name, "migrate", "--no-input", "-v", "0")
            return name
        if self.exists(name):
            self._execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        self.ensure_template()
        self._execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
        self._log(f"{name}: generating {size} organisations")
        self.manage(name, "generate_scale_data", "--organisations", str(size), "--seed", str(seed))
        return name

    def ensure_template(self) -> None:
        """A migrated, empty database the sizes are cloned from (migrating each one would take a minute)."""
        if not self.migrate_template:
            return
        if not self.exists(self.template):
            self._execute(f'CREATE DATABASE "{self.template}"')
        self.manage(self.template, "migrate", "--no-input", "-v", "0")

    def measure(self, name: str, *, requests: int, output: Path, only: list[str] | None = None) -> dict:
        args = ["bench", "--this-database", "--json", str(output), "--requests", str(requests)]
        for page in only or []:
            args += ["--only", page]
        self.manage(name, *args)
        return json.loads(output.read_text(encoding="utf-8"))

    def drop(self, name: str) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def production_env() -> dict:
    """Settings as on a web node: DEBUG off (so the cached template loader), connections kept open."""
    return {
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY", "bench-only-not-secret-0123456789abcdefghijklmnopqrstuvwxyz"),
        "SECURE_SSL_REDIRECT": "false",
        "CONN_MAX_AGE": "600",
        "ALLOWED_HOSTS": "testserver",
        # Tasks publish to an in-process broker: nothing leaves the process, nothing piles up on disk.
        "CELERY_BROKER_URL": "memory://",
        "CELERY_RESULT_BACKEND": "cache+memory://",
        "LOG_LEVEL": "WARNING",
    }
