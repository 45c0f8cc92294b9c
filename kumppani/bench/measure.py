"""Measure every registered page and task against the configured database, in this process.

Server time is the time Django takes to answer through the test client (no network, no browser): the
settings are production's (DEBUG off, the cached template loader, persistent connections), each page gets 5
warm-up requests and then `requests` measured ones. Queries are counted on one more request. A streamed page
(FIRST_BYTE) is timed to its first data row; a page answered whole is timed to its end, which is then also
its first byte.
"""

import math
import os
import platform
import statistics
import time
import warnings

import django
from django.conf import settings
from django.db import connection
from django.template import engines
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from kumppani.bench.context import BenchContext, read_meta
from kumppani.bench.registry import FIRST_BYTE, pages, tasks

WARM_UP = 5
SLOW_SECONDS, SLOW_REQUESTS = 1.0, 5


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: the smallest value with at least `share` of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def setup_problems() -> list[str]:
    """What keeps this process from measuring with production's settings."""
    problems = []
    if settings.DEBUG:
        problems.append("DEBUG is on")
    if not settings.DATABASES["default"].get("CONN_MAX_AGE"):
        problems.append("CONN_MAX_AGE is 0 (no persistent connections)")
    loaders = [type(loader).__module__ for loader in engines["django"].engine.template_loaders]
    if loaders != ["django.template.loaders.cached"]:
        problems.append(f"the template loaders are {loaders}, not the cached loader")
    if connection.vendor != "postgresql":
        problems.append("the database is not PostgreSQL")
    return problems


def _request(client: Client, page, url: str, data):
    if data is not None:
        return client.post(url, data, secure=True, headers=page.headers)
    return client.get(url, secure=True, headers=page.headers)


def _timed(client: Client, page, url: str, data) -> tuple[float, float, object]:
    """(seconds to the first data row or to the whole answer, seconds to the end, response)."""
    started = time.perf_counter()
    response = _request(client, page, url, data)
    first = None
    if response.streaming:
        chunks = 0
        for _chunk in response.streaming_content:
            chunks += 1
            if chunks == 3 and first is None:  # the BOM, the header, the first data row
                first = time.perf_counter() - started
        response.close()
    total = time.perf_counter() - started
    return (first if first is not None else total), total, response


def measure_page(page, ctx: BenchContext, requests: int) -> dict:
    user = page.user(ctx)
    url = page.url(ctx) if callable(page.url) else page.url
    data = page.data(ctx) if page.data else None
    client = Client()
    if user is not None:
        client.force_login(user)
    result = {"name": page.name, "app": page.app, "url": url, "kind": page.kind}
    count = page.requests or requests
    # Queries are counted on the last warm-up (or, for a page asked for once, on its one request).
    warm_ups = min(WARM_UP, max(0, count - 1))
    queries, warm_seconds = None, []
    for n in range(warm_ups):
        with CaptureQueriesContext(connection) as captured:
            _first, _total, response = _timed(client, page, url, data)
        if response.status_code != 200:
            return {**result, "error": f"HTTP {response.status_code}"}
        if n == warm_ups - 1:
            queries = len(captured.captured_queries)
        warm_seconds.append(_total)
    # A page taking seconds misses its target by far; five requests say so as well as thirty.
    if warm_seconds and statistics.median(warm_seconds) > SLOW_SECONDS:
        count = min(count, SLOW_REQUESTS)
    times, totals = [], []
    for _n in range(count):
        if queries is None:
            with CaptureQueriesContext(connection) as captured:
                first, total, response = _timed(client, page, url, data)
            queries = len(captured.captured_queries)
            if response.status_code != 200:
                return {**result, "error": f"HTTP {response.status_code}"}
        else:
            first, total, response = _timed(client, page, url, data)
        times.append(first * 1000)
        totals.append(total * 1000)
    return {
        **result,
        "requests": count,
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(percentile(times, 0.95), 2),
        "total_median_ms": round(statistics.median(totals), 2) if page.kind == FIRST_BYTE else None,
        "queries": queries,
        "bytes": len(response.getvalue()) if not response.streaming else None,
    }


def measure_task(task, ctx: BenchContext) -> dict:
    if task.prepare:
        task.prepare(ctx)
    started = time.perf_counter()
    try:
        figures = task.fn(ctx) or {}
    except Exception as exc:  # one broken task must not lose every other measurement of the run
        return {"name": task.name, "app": task.app, "seconds": None, "figures": {}, "error": repr(exc)[:300]}
    return {"name": task.name, "app": task.app, "seconds": round(time.perf_counter() - started, 2), "figures": figures}


def machine() -> dict:
    info = {"cores": os.cpu_count(), "python": platform.python_version(), "django": django.get_version()}
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            info["cpu"] = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), "")
        with open("/proc/meminfo", encoding="utf-8") as handle:
            kb = int(next(line.split()[1] for line in handle if line.startswith("MemTotal")))
            info["ram_gb"] = round(kb / 1024 / 1024, 1)
        info["load_average"] = [round(x, 2) for x in os.getloadavg()]
    except (OSError, StopIteration, ValueError):
        pass
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        info["postgresql"] = cursor.fetchone()[0]
    return info


def measure(*, requests: int = 40, log=print, only: set[str] | None = None) -> dict:
    facts = read_meta()
    if facts is None:
        raise RuntimeError("This database holds no generated data: run `manage.py generate_scale_data` first.")
    ctx = BenchContext(facts)
    # Static files as files: a manifest needs collectstatic, and a lookup in it costs the same.
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    results = {"facts": facts, "machine": machine(), "problems": setup_problems(), "pages": [], "tasks": []}
    warnings.filterwarnings("ignore", message="No directory at", module="django.core.handlers.base")
    with override_settings(STORAGES=storages, ALLOWED_HOSTS=["testserver"]):
        for page in pages():
            if only and page.name not in only:
                continue
            result = measure_page(page, ctx, requests)
            log(f"  {page.name}: " + (result.get("error") or f"p95 {result['p95_ms']} ms, {result['queries']} queries"))
            results["pages"].append(result)
        for task in tasks():
            if only and task.name not in only:
                continue
            result = measure_task(task, ctx)
            log(f"  {task.name}: {result.get('error') or result['seconds']} s {result['figures']}")
            results["tasks"].append(result)
    return results
