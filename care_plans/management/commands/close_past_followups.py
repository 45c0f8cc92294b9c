"""Cancel open after-care follow-ups that were due long ago, e.g. for deliveries recorded when a provider
moves its history into Kumppani. Nothing is deleted: each row keeps its history and shows as cancelled."""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from care_plans.models import FollowUp
from kumppani.web.formatting import format_date


class Command(BaseCommand):
    help = "Cancel open after-care follow-ups due more than --days days ago (default 30)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=int, default=30)

    @transaction.atomic
    def handle(self, *args, days: int, **options) -> None:
        cutoff = timezone.localdate() - datetime.timedelta(days=days)
        stale = FollowUp.objects.filter(status=FollowUp.Status.OPEN, kind=FollowUp.Kind.AFTER_CARE, due_date__lt=cutoff)
        count = 0
        for follow_up in stale.iterator():
            follow_up.status = FollowUp.Status.CANCELLED
            follow_up.save(update_fields=["status"])  # a history row records who and when
            count += 1
        self.stdout.write(f"{count} follow-ups due before {format_date(cutoff)} cancelled.")
