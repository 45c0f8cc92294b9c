"""Care models' target measures and notes in Finnish, English and Swedish, Finnish being the fallback.

The old single-language columns become the Finnish ones. The shipped defaults were written in English (the notes in
English and Finnish at once); an unedited default gets its text in all three languages here. Text an admin wrote
stays as it is in the Finnish column. `load` is also what tests run to restore this data after a flush.
"""

import importlib

from django.db import migrations, models

SHIPPED = importlib.import_module("segments.migrations.0002_default_segments_and_care_models")

TARGET_MEASURES = {
    "strategic": {
        "fi": "Hoitosuunnitelma ajan tasalla; ohjausryhmän muistio joka lukukausi; NPS ≥ 58; vuosikatsaus pidetty.",
        "en": "Care plan up to date; steering group minutes each semester; NPS ≥ 58; annual review held.",
        "sv": "Vårdplanen uppdaterad; styrgruppens protokoll varje termin; NPS ≥ 58; årlig genomgång hållen.",
    },
    "key": {
        "fi": "Hoitosuunnitelma käydään läpi johdon kokouksissa; uusintaostot; NPS ≥ 58.",
        "en": "Care plan reviewed in management meetings; repeat purchases; NPS ≥ 58.",
        "sv": "Vårdplanen gås igenom i ledningens möten; återköp; NPS ≥ 58.",
    },
    "regular": {
        "fi": "Uusintaostot; laajempi yhteistyö (useampia palvelutyyppejä).",
        "en": "Repeat purchases; wider cooperation (more service types).",
        "sv": "Återköp; bredare samarbete (fler tjänstetyper).",
    },
    "occasional": {
        "fi": "Palvelujen säännöllisempi käyttö.",
        "en": "More regular use of services.",
        "sv": "Mer regelbunden användning av tjänsterna.",
    },
    "potential": {
        "fi": "Uusia asiakkaita kampanjoista ja verkostoista.",
        "en": "New customers won from campaigns and networks.",
        "sv": "Nya kunder från kampanjer och nätverk.",
    },
}

NOTES = {
    "fi": "Kumppanin oletusarvo: lähdeaineisto ei anna yhteydenottorytmejä. Muokkaa vastaamaan käytäntöänne.",
    "en": "Kumppani's default: the source documents give no contact rhythms. Edit to match your practice.",
    "sv": "Kumppanis standardvärde: källmaterialet anger inga kontaktrytmer. Redigera så att det motsvarar er praxis.",
}


def _texts(code: str) -> dict:
    texts = {f"target_measures_{lang}": text for lang, text in TARGET_MEASURES[code].items()}
    texts.update({f"notes_{lang}": text for lang, text in NOTES.items()})
    return texts


def load(apps, schema_editor):
    """The segments and their care models in every language; idempotent, edits by admins are kept."""
    Segment = apps.get_model("segments", "Segment")
    CareModel = apps.get_model("segments", "CareModel")
    SuggestionSettings = apps.get_model("segments", "SuggestionSettings")
    for data in SHIPPED.SEGMENTS:
        segment, _created = Segment.objects.update_or_create(code=data["code"], defaults=data)
        shipped = {k: v for k, v in SHIPPED.CARE_MODELS[data["code"]].items() if k != "target_measures"}
        # The first (business customers') model of the segment: later migrations add one per customer group.
        care_model = CareModel.objects.filter(segment=segment).order_by("pk").first()
        if care_model is None:
            CareModel.objects.create(segment=segment, **shipped, **_texts(data["code"]))
            continue
        changed = []
        if care_model.target_measures_fi == SHIPPED.CARE_MODELS[data["code"]]["target_measures"]:
            for lang, text in TARGET_MEASURES[data["code"]].items():
                setattr(care_model, f"target_measures_{lang}", text)
            changed += [f"target_measures_{lang}" for lang in TARGET_MEASURES[data["code"]]]
        if care_model.notes_fi == SHIPPED.DEFAULTS_NOTE:
            for lang, text in NOTES.items():
                setattr(care_model, f"notes_{lang}", text)
            changed += [f"notes_{lang}" for lang in NOTES]
        if changed:
            care_model.save(update_fields=changed)
    SuggestionSettings.objects.get_or_create(pk=1)


def _text_fields(model_name: str) -> list:
    operations = [
        migrations.RenameField(model_name, "target_measures", "target_measures_fi"),
        migrations.RenameField(model_name, "notes", "notes_fi"),
        migrations.AlterField(
            model_name, "target_measures_fi", models.TextField(blank=True, verbose_name="target measures (Finnish)")
        ),
        migrations.AlterField(
            model_name,
            "notes_fi",
            models.TextField(
                blank=True,
                help_text="Where these values come from, e.g. Kumppani's defaults or a board decision.",
                verbose_name="notes (Finnish)",
            ),
        ),
    ]
    for lang, language in (("en", "English"), ("sv", "Swedish")):
        operations += [
            migrations.AddField(
                model_name,
                f"target_measures_{lang}",
                models.TextField(blank=True, default="", verbose_name=f"target measures ({language})"),
            ),
            migrations.AddField(
                model_name, f"notes_{lang}", models.TextField(blank=True, default="", verbose_name=f"notes ({language})")
            ),
        ]
    return operations


class Migration(migrations.Migration):
    dependencies = [("segments", "0002_default_segments_and_care_models")]

    operations = [
        *_text_fields("caremodel"),
        *_text_fields("historicalcaremodel"),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
