"""Fill the configured (empty, migrated) database with scale data: every registered part, in its order."""

import time

from django.db import connection

from kumppani.bench.context import ScaleContext, read_meta, write_meta
from kumppani.bench.registry import generators


def generate(*, organisations: int, seed: int, log=print) -> dict:
    if connection.vendor != "postgresql":
        raise RuntimeError("The scale data is written with PostgreSQL's COPY: point DATABASE_URL at PostgreSQL.")
    if read_meta() is not None:
        raise RuntimeError("This database already holds generated data: generate into a fresh one.")
    ctx = ScaleContext(organisations=organisations, seed=seed, log=log)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        # Generated data can always be generated again: don't wait for the disk on each COPY.
        cursor.execute("SET synchronous_commit TO OFF")
        cursor.execute("SET maintenance_work_mem TO '256MB'")
        # The generator writes consistent ids: skip the per-row foreign-key triggers while loading (superuser).
        cursor.execute("SET session_replication_role TO replica")
    for part in generators():
        part_started = time.perf_counter()
        log(f"{part.app}:")
        part.fn(ctx)
        log(f"{part.app} done in {time.perf_counter() - part_started:.1f} s")
    ctx.finish()
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role TO DEFAULT")
        cursor.execute("ANALYZE")
    ctx.facts["counts"] = ctx.counts
    ctx.facts["generation_seconds"] = round(time.perf_counter() - started, 1)
    write_meta(ctx.facts)  # last: a database with facts is complete
    return ctx.facts
