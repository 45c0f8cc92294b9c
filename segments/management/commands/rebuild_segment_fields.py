"""Rebuild the stored next-contact due dates, re-check agreements and refresh suggestions."""

from django.core.management.base import BaseCommand

from segments import services


class Command(BaseCommand):
    help = "Recompute every customer's next contact due date; optionally check agreements and refresh suggestions."

    def add_arguments(self, parser):
        parser.add_argument("--suggestions", action="store_true", help="Also refresh segment suggestions.")
        parser.add_argument(
            "--agreements", action="store_true", help="Also flag strategic customers without agreement."
        )

    def handle(self, *args, suggestions: bool = False, agreements: bool = False, **options):
        changed = services.next_contacts_recompute()
        self.stdout.write(f"{changed} due dates changed.")
        if agreements:
            self.stdout.write(f"Agreements: {services.agreements_check()}")
        if suggestions:
            self.stdout.write(f"Suggestions: {services.suggestions_refresh()}")
