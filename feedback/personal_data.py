"""Answers' comments and typed notes can name a person: contact erasure and the export find them here."""

from django.db.models import Q

from feedback.models import Answer, LoopAction, Response
from kumppani.privacy import register

register(Response, ["comment", "corrective_action"], linked=lambda s: Q(contact=s.pk))
register(Answer, ["value"], linked=lambda s: Q(response__contact=s.pk))
register(LoopAction, ["agreed", "corrective_action"], linked=lambda s: Q(response__contact=s.pk))
