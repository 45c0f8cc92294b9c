"""Figures that apps above segments add to the segment overview, without segments importing them.

E.g. feedback registers NPS per segment in its AppConfig.ready():

    register_segment_metric("nps", _("NPS"), nps_by_segment)

where `nps_by_segment(organisations)` takes the queryset of organisations the user may see and returns
{segment_code: value} (blank code = unclassified) with a fixed number of queries. A metric that returns an
empty dict (no feedback yet) is not shown. The overview is cached (kumppani.web.figures): a metric names the
models its values are computed from in `depends_on`, and a save or delete of any of them drops the cached overview.
"""

from collections.abc import Callable
from dataclasses import dataclass

from kumppani.web.figures import figure_watch

# The cache topic of the segment figures (the overview): what changes them calls figures_touch(SEGMENT_FIGURES).
SEGMENT_FIGURES = "segments"


@dataclass(frozen=True)
class SegmentMetric:
    code: str
    label: object
    values: Callable  # (organisations queryset) -> dict[str, number]
    order: int = 100


_METRICS: dict[str, SegmentMetric] = {}


def register_segment_metric(code: str, label, values: Callable, order: int = 100, depends_on=()) -> None:
    _METRICS[code] = SegmentMetric(code, label, values, order)
    figure_watch(SEGMENT_FIGURES, *depends_on)


def unregister_segment_metric(code: str) -> None:
    _METRICS.pop(code, None)


def metrics_for(organisations) -> list[dict]:
    """[{"code", "label", "values": {segment_code: value}}] for every metric that has values."""
    result = []
    for metric in sorted(_METRICS.values(), key=lambda m: m.order):
        values = metric.values(organisations)
        if values:
            result.append({"code": metric.code, "label": metric.label, "values": values})
    return result
