"""`manage.py seed_demo`: a believable provider for `make run`, the same every time for the same seed.

Idempotent: when the demo admin already exists, it only prints the demo users again.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from kumppani.celery import app as celery_app
from kumppani.demo import DEMO_PASSWORD, demo_exists, demo_users, seed_demo


class Command(BaseCommand):
    help = "Create demo units, users, organisations, contacts, interactions and deliveries (once)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026, help="Random seed; the same seed gives the same data.")
        parser.add_argument(
            "--organisations", type=int, default=300, help="How many organisations, owner municipalities included."
        )

    def handle(self, *args, seed: int, organisations: int, **options):
        if organisations < 0:
            raise CommandError("--organisations cannot be negative.")
        if demo_exists():
            self.stdout.write("Demo data is already present; nothing was added.")
        else:
            started = time.monotonic()
            # The demo is written in one go before any worker runs: what services queue (after-care for the
            # deliveries done, agreement checks) runs here, as a worker would, so the demo is whole at once.
            eager = celery_app.conf.task_always_eager
            celery_app.conf.task_always_eager = True
            try:
                counts = seed_demo(seed=seed, organisations=organisations)
            finally:
                celery_app.conf.task_always_eager = eager
            elapsed = time.monotonic() - started
            self.stdout.write(self.style.SUCCESS(f"Demo data created with seed {seed} in {elapsed:.1f} s:"))
            width = max(len(label) for label in counts)
            for label, count in counts.items():
                self.stdout.write(f"  {label.ljust(width)}  {count:>6}")
        self.print_users()

    def print_users(self) -> None:
        rows = [(u.email, ", ".join(u.roles), DEMO_PASSWORD, f"{u.name}, {u.title}") for u in demo_users()]
        header = ("E-mail", "Role(s)", "Password", "Name")
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING("Demo users"))
        for row in [header, tuple("-" * w for w in widths), *rows]:
            self.stdout.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
