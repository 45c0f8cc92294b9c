"""The benchmark works end to end at a tiny size (it is not a timed test: CI only proves it runs)."""

import ast
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections

from kumppani.bench import registry
from kumppani.bench.databases import BenchDatabases
from kumppani.bench.measure import percentile
from kumppani.bench.report import page_verdict

BENCH = Path(__file__).resolve().parent.parent / "bench"
PROJECT_APPS = {"outbox", "accounts", "links", "reminders", "crm", "leads", "segments", "care_plans"}


def _admin_url(name: str) -> str:
    db = settings.DATABASES["default"]
    return f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


@pytest.mark.django_db(transaction=True)
def test_bench_generates_measures_every_page_and_writes_results(tmp_path):
    """Two tiny sizes, one request a page: every registered page answers 200 and results.md lists them all."""
    test_db = settings.DATABASES["default"]["NAME"]
    base = f"bench_{test_db}"  # derived from the test database, never `test` or `test_*` itself
    template = f"{base}_template"
    connections.close_all()  # a database is cloned only while nobody is connected to it
    with psycopg.connect(_admin_url("postgres").replace("postgres://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{template}" TEMPLATE "{test_db}"')
    output = tmp_path / "results.md"
    try:
        call_command(
            "bench",
            sizes="20,40",
            requests=1,
            database_url=_admin_url(base),
            template=template,
            output=str(output),
            drop=True,
        )
    finally:
        with psycopg.connect(_admin_url("postgres").replace("postgres://", "postgresql://"), autocommit=True) as c:
            for name in (template, f"{base}_20", f"{base}_40"):
                c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    text = output.read_text(encoding="utf-8")
    assert "## Machine" in text and "PostgreSQL" in text
    for page in registry.pages():
        row = next((line for line in text.splitlines() if line.startswith(f"| {page.name} |")), None)
        assert row is not None, f"{page.name} is missing from the results"
        assert "HTTP" not in row and "error" not in row, row
    for task in registry.tasks():
        assert f"| {task.name} |" in text
    assert "| organisations | 20 | 40 |" in text


def test_every_app_with_pages_registers_its_part():
    apps = {g.app for g in registry.generators()}
    assert {"accounts", "crm", "leads", "segments", "care_plans"} <= apps
    names = {p.name for p in registry.pages()}
    assert {"organisation list: page 400", "organisation page: big", "organisation autocomplete"} <= names


def test_bench_refuses_test_databases():
    for name in ("test", "test_kumppani"):
        with pytest.raises(ValueError):
            BenchDatabases(f"postgres://postgres@127.0.0.1:5432/{name}")


def test_p95_is_the_nearest_rank():
    assert percentile(list(range(1, 41)), 0.95) == 38
    assert percentile([5.0], 0.95) == 5.0


def test_a_page_fails_on_time_queries_or_growth():
    targets = registry.Targets(p95_ms=50, queries=20, growth=1.5)
    assert page_verdict(targets, {"p95_ms": 40, "queries": 10}, 1.2) == ("pass", [])
    verdict, misses = page_verdict(targets, {"p95_ms": 60, "queries": 25}, 2.0)
    assert verdict == "FAIL" and len(misses) == 3


@pytest.mark.parametrize("path", sorted(BENCH.glob("*.py")), ids=lambda p: p.name)
def test_the_bench_core_imports_no_project_app(path):
    """Apps register their parts; the core (kumppani.bench) never imports them."""
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.add(node.module.split(".")[0])
    assert modules & PROJECT_APPS == set()
