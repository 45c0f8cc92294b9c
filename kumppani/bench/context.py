"""What a generator part works with: the size, seeded randomness, COPY into a model's table, and shared facts.

Rows are written with PostgreSQL's COPY (psycopg 3 `cursor.copy`) under ids the part chooses, so that later
parts can point at them without reading them back; `finish()` moves every touched table's id sequence past
the largest id. `facts` is plain JSON that parts hand on (user ids, the common search word, the big
organisation) and that the bench reads back from the database (`kumppani_bench_meta`).
"""

import json
import logging
import random
import time
from contextlib import contextmanager

from django.core.management.color import no_style
from django.db import connection

logger = logging.getLogger("kumppani.bench")

META_TABLE = "kumppani_bench_meta"
PER = 100_000  # the proportions are given per 100,000 organisations


class ScaleContext:
    def __init__(self, *, organisations: int, seed: int, log=None):
        self.organisations = organisations
        self.seed = seed
        self.facts: dict = {"organisations": organisations, "seed": seed}
        self.counts: dict[str, int] = {}
        self._touched: set = set()
        self._log = log or logger.info

    def rng(self, name: str) -> random.Random:
        """A generator of its own per part and purpose: a part's data does not shift when another part changes."""
        return random.Random(f"{self.seed}:{name}")

    def scaled(self, per_100k: int, minimum: int = 0) -> int:
        """A count given per 100,000 organisations, at this size."""
        return max(minimum, round(per_100k * self.organisations / PER))

    def log(self, text: str) -> None:
        self._log(text)

    @contextmanager
    def step(self, name: str):
        started = time.perf_counter()
        yield
        self.log(f"  {name}: {time.perf_counter() - started:.1f} s")

    def copy(self, model, fields: list[str], rows) -> int:
        """COPY rows (tuples in the order of `fields`, model attnames such as "organisation_id") into the table.

        Columns not named get the field's default (Django keeps defaults in Python, not in the table).
        """
        extra_fields, extra_values = _defaults(model, fields)
        columns = ", ".join(
            connection.ops.quote_name(model._meta.get_field(name).column) for name in [*fields, *extra_fields]
        )
        table = connection.ops.quote_name(model._meta.db_table)
        count = 0
        connection.ensure_connection()
        with connection.connection.cursor() as cursor:
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row((*row, *extra_values) if extra_values else row)
                    count += 1
        self._touched.add(model)
        self.counts[model._meta.label] = self.counts.get(model._meta.label, 0) + count
        return count

    @contextmanager
    def without_indexes(self, *models):
        """Drop the tables' secondary indexes while loading and build them again after: one sort per index is
        far cheaper than keeping it up to date row by row."""
        tables = [model._meta.db_table for model in models]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = ANY(%s) AND NOT EXISTS "
                "(SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
                [tables],
            )
            indexes = cursor.fetchall()
            for name, _definition in indexes:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                for _name, definition in indexes:
                    cursor.execute(definition)

    def next_id(self, model) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {connection.ops.quote_name(model._meta.db_table)}")
            return cursor.fetchone()[0]

    def touched(self, model) -> None:
        self._touched.add(model)

    def finish(self) -> None:
        """Move the id sequences past the ids chosen here, and refresh the planner's statistics."""
        statements = connection.ops.sequence_reset_sql(no_style(), list(self._touched))
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
            for model in self._touched:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _defaults(model, named: list[str]) -> tuple[list[str], tuple]:
    from django.db.models import NOT_PROVIDED, JSONField
    from django.utils import timezone

    names, values = [], []
    for field in model._meta.concrete_fields:
        if field.attname in named or field.primary_key or field.null:
            continue
        if field.default is not NOT_PROVIDED:
            value = field.default() if callable(field.default) else field.default
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = timezone.now()
        elif field.get_internal_type() in (
            "CharField",
            "TextField",
            "SlugField",
            "EmailField",
            "URLField",
            "FileField",
        ):
            value = ""
        else:
            continue  # the caller must name it
        if isinstance(field, JSONField):
            value = json_text(value)
        names.append(field.attname)
        values.append(value)
    return names, tuple(values)


def json_text(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write_meta(facts: dict) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {META_TABLE} (key text PRIMARY KEY, value jsonb NOT NULL)")
        cursor.execute(
            f"INSERT INTO {META_TABLE} (key, value) VALUES ('facts', %s) "
            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            [json_text(facts)],
        )


def read_meta() -> dict | None:
    """The facts the generator recorded in this database, or None when it holds no generated data."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [META_TABLE])
        if cursor.fetchone()[0] is None:
            return None
        cursor.execute(f"SELECT value FROM {META_TABLE} WHERE key = 'facts'")
        row = cursor.fetchone()
    if row is None:
        return None
    return row[0] if isinstance(row[0], dict) else json.loads(row[0])


class BenchContext:
    """What page pickers and tasks get at measuring time: the recorded facts."""

    def __init__(self, facts: dict):
        self.facts = facts
        self.organisations = facts["organisations"]
