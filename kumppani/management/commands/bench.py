"""`manage.py bench`: generate (or reuse) a database per size, measure every registered page and task in each,
and write bench/results.md with the sizes side by side (see kumppani/bench/)."""

import json
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kumppani.bench.databases import BenchDatabases
from kumppani.bench.measure import measure
from kumppani.bench.report import render

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/kumppani_bench"


class Command(BaseCommand):
    help = "Benchmark every registered page and task at each size and write bench/results.md."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default="10000,100000", help="Organisations per database, comma-separated.")
        parser.add_argument("--requests", type=int, default=40, help="Measured requests per page (at least 30).")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--regenerate", action="store_true", help="Generate the data again even if it exists.")
        parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
        parser.add_argument("--template", help="A migrated database to clone instead of `<base>_template`.")
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "bench" / "results.md"))
        parser.add_argument("--drop", action="store_true", help="Drop the size databases afterwards.")
        parser.add_argument(
            "--only",
            action="append",
            help="Measure only this page or task (repeatable); the other figures are kept from the last run.",
        )
        parser.add_argument(
            "--results-dir",
            default=str(Path(settings.BASE_DIR) / "var" / "bench"),
            help="Where each size's measurements are kept (JSON) between runs.",
        )
        parser.add_argument(
            "--report-only", action="store_true", help="Write the results from the kept measurements, measure nothing."
        )
        parser.add_argument("--note", default="", help="A paragraph for results.md (e.g. what else ran then).")
        # The child process that measures the database DATABASE_URL points at.
        parser.add_argument("--this-database", action="store_true", help="Measure the configured database only.")
        parser.add_argument("--json", help="With --this-database: write the measurements here.")

    def handle(self, *args, **options):
        if options["this_database"]:
            return self._measure_here(options)
        sizes = sorted({int(s) for s in options["sizes"].split(",") if s.strip()})
        if not sizes:
            raise CommandError("Give at least one size.")
        try:
            databases = BenchDatabases(options["database_url"], template=options["template"], log=self.stdout.write)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        results = {}
        folder = Path(options["results_dir"])
        folder.mkdir(parents=True, exist_ok=True)
        if options["report_only"]:
            sizes, databases = [], None
            for size in sorted({int(s) for s in options["sizes"].split(",") if s.strip()}):
                results[size] = json.loads((folder / f"{size}.json").read_text(encoding="utf-8"))
        with tempfile.TemporaryDirectory() as scratch:
            for size in sizes:
                name = databases.prepare(size, seed=options["seed"], regenerate=options["regenerate"])
                self.stdout.write(f"{name}: measuring")
                fresh = databases.measure(
                    name, requests=options["requests"], output=Path(scratch) / f"{size}.json", only=options["only"]
                )
                kept = folder / f"{size}.json"
                if options["only"] and kept.exists():
                    fresh = _merged(json.loads(kept.read_text(encoding="utf-8")), fresh)
                kept.write_text(json.dumps(fresh, default=str), encoding="utf-8")
                results[size] = fresh
                if options["drop"]:
                    databases.drop(name)
        output = Path(options["output"])
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(render(results, note=options["note"]), encoding="utf-8")
        self.stdout.write(f"Wrote {output}")

    def _measure_here(self, options):
        try:
            results = measure(requests=options["requests"], log=self.stdout.write, only=set(options["only"] or []))
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            Path(options["json"]).write_text(json.dumps(results, default=str), encoding="utf-8")


def _merged(kept: dict, fresh: dict) -> dict:
    """The last run's figures with those measured now put in their place."""
    merged = {**kept, "machine": fresh["machine"], "problems": fresh["problems"], "facts": fresh["facts"]}
    for key in ("pages", "tasks"):
        new = {row["name"]: row for row in fresh[key]}
        merged[key] = [new.pop(row["name"], row) for row in kept[key]] + list(new.values())
    return merged
