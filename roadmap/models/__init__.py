from roadmap.models.indicators import Indicator, IndicatorTarget, Measurement, Snapshot
from roadmap.models.roadmap import EvidenceLink, Goal, ProgressUpdate, Roadmap, Theme

__all__ = [
    "EvidenceLink",
    "Goal",
    "Indicator",
    "IndicatorTarget",
    "Measurement",
    "ProgressUpdate",
    "Roadmap",
    "Snapshot",
    "Theme",
]
