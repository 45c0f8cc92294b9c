"""`manage.py messages_to_codes`: rows written as translated text before message codes get a code and parameters.

Timeline entries, notifications, lead events and follow-up titles; see kumppani.messages_conversion. Safe to stop
and run again: each batch commits on its own and a rerun continues with the rows still unconverted.
"""

from django.core.management.base import BaseCommand, CommandError

from kumppani.messages_conversion import BATCH_SIZE, TABLES, convert_table


class Command(BaseCommand):
    help = "Convert text written before message codes into codes and parameters, in batches; resumable."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, default=BATCH_SIZE, help=f"Rows per transaction (default {BATCH_SIZE})."
        )

    def handle(self, *args, batch_size: int, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        for table in TABLES:
            counts = convert_table(table, batch_size=batch_size, report=self.stdout.write)
            self.stdout.write(
                self.style.SUCCESS(
                    f"{table.label}: {counts['coded']} got a code, {counts['legacy']} are kept as written (legacy)."
                )
            )
