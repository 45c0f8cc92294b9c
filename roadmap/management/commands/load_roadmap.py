"""`manage.py load_roadmap`: Gradia's roadmap 2020-2023 (idempotent); `--demo` adds the demo's progress too."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load Gradia's roadmap 2020–2023 (vision, 5 themes, 32 goals); running it again adds nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo", action="store_true", help="Also add demo indicators, states, progress notes and measurements."
        )

    def handle(self, *args, demo: bool, **options):
        from roadmap.loader import load_gradia_roadmap

        made = load_gradia_roadmap()
        self.stdout.write(", ".join(f"{label}: {count} new" for label, count in made.items()))
        if demo:
            from roadmap.demo import demo_progress

            self.stdout.write(f"Demo: {demo_progress()}")
