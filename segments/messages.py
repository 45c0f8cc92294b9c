"""Sentences segments writes on the timeline (accounts.messages); imported from SegmentsConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from accounts.messages import build, nested, register_message, variants
from segments.models import Segment

register_message("segments.changed", _("Segment: %(from)s → %(to)s"))
register_message(
    "segments.changed_by_suggestion", _("Segment: %(from)s → %(to)s. Accepted suggestion: %(explanation)s")
)
register_message("segments.unclassified", _("Unclassified"))
register_message("segments.agreement_ended", _("Partnership agreement ended: review the strategic segment"))


def segment_param(code: str, segments: dict[str, Segment]):
    """A segment's name in the reader's language (admins name segments in each language)."""
    if not code:
        return nested(build("segments.unclassified"))
    segment = segments.get(code)
    return variants(segment, "name") if segment is not None else code


def changed_message(from_code: str, to_code: str, segments: dict[str, Segment] | None = None) -> dict:
    if segments is None:
        segments = Segment.objects.in_bulk([c for c in (from_code, to_code) if c], field_name="code")
    return build(
        "segments.changed", **{"from": segment_param(from_code, segments), "to": segment_param(to_code, segments)}
    )


def accepted_suggestion_message(from_code: str, to_code: str, explanations: dict[str, str]) -> dict:
    """A change made by accepting a suggestion: its explanation, rendered from the suggestion's facts in each
    language when it was accepted, is shown in the reader's language (it is system text, not a typed reason)."""
    base = changed_message(from_code, to_code)["params"]
    return build("segments.changed_by_suggestion", **base, explanation={"text": explanations})
