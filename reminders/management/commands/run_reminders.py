"""Run the reminder engine now and, with --send, send the mail it queued: what beat and the worker do, timed.

`manage.py run_reminders --send` creates the reminder rows due today, delivers them (notices, outbox rows) and
sends every due outbox row over SMTP a batch to one connection, in this process, then prints how long each
step took. The speed benchmark times this against a local SMTP server.
"""

import time

from django.core.management.base import BaseCommand

from outbox.services import outbox_sweep
from reminders.engine import reminders_create, reminders_deliver


class Command(BaseCommand):
    help = "Run the reminder engine now; with --send also send the queued mail here rather than by the worker."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--send", action="store_true", help="send the queued mail in this process too")

    def handle(self, *args, send: bool = False, **options) -> None:
        started = time.monotonic()
        candidates = reminders_create()
        created = time.monotonic()
        delivered = reminders_deliver()
        queued = time.monotonic()
        self.stdout.write(
            f"{candidates} reminders due ({created - started:.1f} s), {delivered} delivered ({queued - created:.1f} s)"
        )
        if send:
            sent = 0
            while True:
                outcome = outbox_sweep()
                sent += outcome["sent"]
                if not outcome["sent"]:
                    break
            self.stdout.write(f"{sent} e-mails sent ({time.monotonic() - queued:.1f} s)")
        self.stdout.write(f"total {time.monotonic() - started:.1f} s")
