"""`manage.py generate_scale_data --organisations N`: fill an empty PostgreSQL database for benchmarks."""

import json

from django.core.management.base import BaseCommand, CommandError

from kumppani.bench.generate import generate


class Command(BaseCommand):
    help = (
        "Fill the configured, freshly migrated PostgreSQL database with generated data in the issue's proportions "
        "(per 100,000 organisations 300,000 contacts, 2,000,000 interactions, ...). Never run it on real data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisations", type=int, required=True)
        parser.add_argument("--seed", type=int, default=2026, help="The same seed gives the same data.")

    def handle(self, *args, organisations: int, seed: int, **options):
        if organisations < 10:
            raise CommandError("Give at least 10 organisations.")
        try:
            facts = generate(organisations=organisations, seed=seed, log=self.stdout.write)
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(json.dumps(facts["counts"], indent=1))
        self.stdout.write(f"Generated in {facts['generation_seconds']} s.")
