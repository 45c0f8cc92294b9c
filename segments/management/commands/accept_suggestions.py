"""Accept pending segment suggestions in bulk as a named person, e.g. for a first classification or the
demo. Each acceptance is recorded like one made in the review queue: from, to, when, by whom, why."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from segments import services
from segments.models import SegmentChange, Suggestion


class Command(BaseCommand):
    help = "Accept every pending segment suggestion (or every Nth with --every) as the user --as."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--as", dest="email", required=True, help="e-mail of the person deciding")
        parser.add_argument("--every", type=int, default=1, help="accept every Nth suggestion only")
        parser.add_argument(
            "--first-time", action="store_true", help="do nothing once any customer has been classified"
        )

    def handle(self, *args, email: str, every: int, first_time: bool, **options) -> None:
        if first_time and SegmentChange.objects.exists():
            self.stdout.write("Customers are classified already; nothing was accepted.")
            return
        actor = get_user_model().objects.filter(email__iexact=email).first()
        if actor is None:
            raise CommandError(f"No user {email}")
        pending = Suggestion.objects.filter(status=Suggestion.Status.PENDING).order_by("pk")
        chosen = [suggestion for index, suggestion in enumerate(pending) if index % max(every, 1) == 0]
        accepted, refused = services.suggestions_decide_bulk(suggestions=chosen, accept=True, actor=actor)
        self.stdout.write(f"{accepted} suggestions accepted, {len(refused)} refused.")
