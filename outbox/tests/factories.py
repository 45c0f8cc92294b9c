import factory

from outbox.models import OutgoingEmail

# A template of the outbox's tests (outbox/tests/templates/): "<language>: Customer <name>" / "Open it, <name>".
GREETING = "emails/outbox_test/greeting"


class OutgoingEmailFactory(factory.django.DjangoModelFactory):
    """A queued, due row, as email_queue writes it (without publishing a task)."""

    class Meta:
        model = OutgoingEmail

    to = factory.Sequence(lambda n: f"person{n}@example.fi")
    language = "fi"
    template = GREETING
    context = factory.Sequence(lambda n: {"name": f"Person {n}"})
