"""The nightly snapshot of live figures that have no history of their own (roadmap.tasks, roadmap/schedule.py)."""

from django.utils import timezone

from roadmap.live import LIVE_INDICATORS, Context, Period, SnapshotViewer
from roadmap.models import Snapshot


def _plain(cell):
    return cell[0] if isinstance(cell, tuple) else cell


def snapshots_take() -> int:
    """Record each snapshot indicator's figure as management sees it today; returns how many were recorded."""
    now = timezone.now()
    today = timezone.localdate(now)
    rows = []
    for indicator in LIVE_INDICATORS.values():
        if not indicator.snapshot:
            continue
        result = indicator.compute(Context(user=SnapshotViewer(), period=Period(today.replace(month=1, day=1), today)))
        parts = [[str(_plain(cell)) for cell in row] for row in result.table]
        rows.append(
            Snapshot(
                code=indicator.code,
                taken_at=now,
                value=result.value,
                numerator=int(result.numerator or 0),
                denominator=result.denominator,
                parts=[[str(h) for h in result.header], *parts],
            )
        )
    Snapshot.objects.bulk_create(rows)
    return len(rows)


def latest_snapshots(code: str, limit: int = 60) -> list[Snapshot]:
    return list(Snapshot.objects.filter(code=code).order_by("-taken_at")[:limit])
