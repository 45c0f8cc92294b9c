"""The roadmap's typed notes: progress notes, measurement comments, evidence titles (a contact's name may appear)."""

from kumppani.privacy import register
from roadmap.models import EvidenceLink, Measurement, ProgressUpdate

register(ProgressUpdate, ["note"])
register(Measurement, ["comment"])
register(EvidenceLink, ["title"])
