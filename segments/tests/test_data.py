"""The shipped segments, care models and thresholds."""

import pytest
from django.utils import translation

from accounts.tests.languages import in_languages
from kumppani.lib.contrast import contrast_ratio
from segments.models import CareModel, Segment, SuggestionSettings

pytestmark = pytest.mark.django_db


def test_five_segments_in_three_languages_with_readable_badges():
    segments = list(Segment.objects.all())
    assert [s.code for s in segments] == ["strategic", "key", "regular", "occasional", "potential"]
    assert [s.name_fi for s in segments] == [
        "Strategiset asiakkaat",
        "Avainasiakkaat",
        "Kanta-asiakkaat",
        "Satunnaiset asiakkaat",
        "Potentiaaliset asiakkaat",
    ]
    for segment in segments:
        assert segment.name_en and segment.name_sv and segment.definition_fi and segment.definition_en
        assert contrast_ratio(segment.colour, segment.text_colour) >= 4.5, segment.code
    assert "kumppanuussopimusasiakkaita" in segments[0].definition_fi
    with translation.override("sv"):
        assert segments[1].name == "Nyckelkunder"
    with translation.override("en"):
        assert segments[2].name == "Regular customers"


def test_care_models_are_marked_as_our_defaults():
    intervals = dict(CareModel.objects.values_list("segment__code", "contact_interval_months"))
    assert intervals == {"strategic": 1, "key": 2, "regular": 3, "occasional": 6, "potential": None}
    for care_model in CareModel.objects.all():
        assert in_languages(care_model, "notes") == {
            "fi": "Kumppanin oletusarvo: lähdeaineisto ei anna yhteydenottorytmejä. Muokkaa vastaamaan käytäntöänne.",
            "en": "Kumppani's default: the source documents give no contact rhythms. Edit to match your practice.",
            "sv": "Kumppanis standardvärde: källmaterialet anger inga kontaktrytmer. "
            "Redigera så att det motsvarar er praxis.",
        }
    strategic = CareModel.objects.get(segment__code="strategic", customer_group="business")
    assert strategic.requires_steering_group and strategic.requires_care_plan


def test_suggestion_settings_defaults():
    settings = SuggestionSettings.load()
    assert (settings.activity_window_months, settings.value_window_months) == (24, 12)
