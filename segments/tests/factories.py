import factory
from django.utils import timezone

from crm.tests.factories import OrganisationFactory
from segments.models import SegmentChange, SegmentReview, Suggestion


class SegmentChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SegmentChange

    organisation = factory.SubFactory(OrganisationFactory)
    from_code = ""
    to_code = "regular"
    reason = "Testi"


class SuggestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Suggestion

    organisation = factory.SubFactory(OrganisationFactory)
    suggested_code = "regular"
    facts = factory.LazyFunction(
        lambda: {
            "years": 2,
            "deliveries": 4,
            "service_types": 2,
            "value": "12000.00",
            "contacts": 3,
            "agreement": False,
            "passive": False,
            "window": 24,
            "value_window": 12,
        }
    )
    explanation = "4 toimitusta → kanta-asiakkaat"
    computed_at = factory.LazyFunction(timezone.now)


class SegmentReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SegmentReview

    organisation = factory.SubFactory(OrganisationFactory)
    reason = SegmentReview.Reason.AGREEMENT_ENDED
