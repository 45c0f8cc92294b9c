"""Writing the roadmap: a goal's state with its progress note, evidence, measurements by hand."""

from django.db import transaction
from django.utils import timezone

from roadmap.models import EvidenceLink, Goal, Measurement, ProgressUpdate


@transaction.atomic
def goal_set_state(*, goal: Goal, state: str, note: str, author) -> ProgressUpdate:
    """Record a dated progress note by its author and set the goal's state (the goal's history keeps the old)."""
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    update = ProgressUpdate(goal=goal, author=author, state=state, note=note)
    update.full_clean()
    update.save()
    if goal.state != state:
        goal.state = state
        goal.updated_at = timezone.now()
        goal._history_user = author
        goal.full_clean()
        goal.save(update_fields=["state", "updated_at"])
    return update


def evidence_add(*, evidence: EvidenceLink, actor) -> EvidenceLink:
    evidence.added_by = actor
    evidence.full_clean()
    evidence.save()
    return evidence


def measurement_add(*, measurement: Measurement, actor) -> Measurement:
    measurement.entered_by = actor
    measurement.full_clean()
    measurement.save()
    return measurement
