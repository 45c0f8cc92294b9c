"""NPS per segment for the segment overview (segments.metrics): the last 12 months' survey answers."""

from django.db.models import Count, Q
from django.utils import timezone

from feedback.models import Response
from feedback.services.answers import TWELVE_MONTHS
from kumppani.lib.nps import DETRACTOR, PASSIVE, PROMOTER, Nps


def nps_by_segment(organisations) -> dict[str, str]:
    """{segment code: "NPS (n)"} grouped by the customer's current segment, in one query."""
    rows = (
        Response.objects.filter(
            source=Response.Source.SURVEY,
            organisation__in=organisations,
            answered_at__gte=timezone.now() - TWELVE_MONTHS,
        )
        .values("organisation__segment")
        .annotate(
            promoters=Count("pk", filter=Q(category=PROMOTER)),
            passives=Count("pk", filter=Q(category=PASSIVE)),
            detractors=Count("pk", filter=Q(category=DETRACTOR)),
        )
        .order_by()
    )
    values = {}
    for row in rows:
        nps = Nps(row["promoters"], row["passives"], row["detractors"])
        values[row["organisation__segment"] or ""] = f"{nps.rounded} ({nps.answers})"
    return values
