"""The organisation page's segment panel: current segment, next contact due, suggestion, review flag, history."""

from django.db.models import Subquery
from django.utils import timezone

from accounts.access import can_edit_organisation, can_view_register
from segments.care_models import care_model_for
from segments.models import Segment, SegmentChange, SegmentReview, Suggestion


def segment_panel(request, organisation) -> dict | None:
    if not can_view_register(request.user):
        return None
    # The open review's reason rides on the segments' query (the same scalar on each row): one query less on a page
    # held to 20.
    open_review = SegmentReview.objects.filter(organisation=organisation, resolved_at__isnull=True).order_by("pk")
    rows = list(Segment.objects.annotate(open_review=Subquery(open_review.values("reason")[:1])))
    segments = {s.code: s for s in rows}
    names = {code: s.name for code, s in segments.items()}
    history = list(
        SegmentChange.objects.filter(organisation=organisation)
        .select_related("changed_by")
        .order_by("-changed_at")[:10]
    )
    for change in history:
        change.from_name = names.get(change.from_code, change.from_code)
        change.to_name = names.get(change.to_code, change.to_code)
    suggestion = Suggestion.objects.filter(organisation=organisation, status=Suggestion.Status.PENDING).first()
    if suggestion is not None:
        suggestion.explained = suggestion.explanation_text_with(names)
        suggestion.segment = segments.get(suggestion.suggested_code)
    care_model = care_model_for(organisation)  # kept on the instance: the care panel asks too
    due = organisation.next_contact_due
    return {
        "organisation": organisation,
        "segment": segments.get(organisation.segment),
        "care_model": care_model,
        "next_contact_due": due,
        "overdue": due is not None and due < timezone.localdate(),
        "history": history,
        "suggestion": suggestion,
        "review": rows[0].open_review if rows else None,
        "can_edit": can_edit_organisation(request.user, organisation),
    }
