"""After-care step titles in Finnish, English and Swedish (Finnish the fallback); follow-up titles as messages.

The old step title becomes the Finnish one; the shipped default steps get English and Swedish titles. A follow-up
the system titles stores the title as a message code with parameters, shown in the reader's language.
`load` is also what tests run to restore this data after a flush.
"""

from django.db import migrations, models

DEFAULT_STEPS = [
    {
        "title_fi": "Henkilökohtainen yhteydenotto palvelun päätyttyä",
        "title_en": "A personal contact after the service has ended",
        "title_sv": "En personlig kontakt efter att tjänsten har avslutats",
        "days_after_end": 14,
        "order": 1,
    },
    {
        "title_fi": "Yhteydenotto vuoden kuluttua",
        "title_en": "A contact a year later",
        "title_sv": "En kontakt ett år senare",
        "days_after_end": 365,
        "order": 2,
    },
]


def load(apps, schema_editor):
    """Kumppani's default after-care model in every language; idempotent, edits by admins are kept."""
    AfterCareModel = apps.get_model("care_plans", "AfterCareModel")
    AfterCareStep = apps.get_model("care_plans", "AfterCareStep")
    ReminderSettings = apps.get_model("care_plans", "ReminderSettings")
    ReminderSettings.objects.get_or_create(pk=1)
    if not AfterCareModel.objects.filter(is_default=True).exists():
        model = AfterCareModel.objects.create(name="Kumppanin oletus (Kumppani's default)", is_default=True)
        for step in DEFAULT_STEPS:
            AfterCareStep.objects.create(model=model, **step)
        return
    for step in DEFAULT_STEPS:
        AfterCareStep.objects.filter(title_fi=step["title_fi"], title_en="", title_sv="").update(
            title_en=step["title_en"], title_sv=step["title_sv"]
        )


def _step_title(model_name: str) -> list:
    return [
        migrations.RenameField(model_name, "title", "title_fi"),
        migrations.AlterField(model_name, "title_fi", models.CharField(max_length=200, verbose_name="title (Finnish)")),
        migrations.AddField(
            model_name,
            "title_en",
            models.CharField(blank=True, default="", max_length=200, verbose_name="title (English)"),
        ),
        migrations.AddField(
            model_name,
            "title_sv",
            models.CharField(blank=True, default="", max_length=200, verbose_name="title (Swedish)"),
        ),
    ]


def _title_message(model_name: str) -> list:
    return [
        migrations.AddField(
            model_name,
            "title_code",
            models.CharField(blank=True, default="", max_length=60, verbose_name="title message"),
        ),
        migrations.AddField(
            model_name,
            "title_params",
            models.JSONField(blank=True, default=dict, verbose_name="title message parameters"),
        ),
    ]


class Migration(migrations.Migration):
    dependencies = [("care_plans", "0004_reminders_move_to_their_own_app")]

    operations = [
        *_step_title("aftercarestep"),
        *_step_title("historicalaftercarestep"),
        *_title_message("followup"),
        *_title_message("historicalfollowup"),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
