"""Kumppani's default after-care model. The seeds give no days (003: "as soon as possible" and a year later)."""

from django.db import migrations


def create_default(apps, schema_editor):
    AfterCareModel = apps.get_model("care_plans", "AfterCareModel")
    AfterCareStep = apps.get_model("care_plans", "AfterCareStep")
    ReminderSettings = apps.get_model("care_plans", "ReminderSettings")
    ReminderSettings.objects.get_or_create(pk=1)
    if AfterCareModel.objects.filter(is_default=True).exists():
        return
    model = AfterCareModel.objects.create(name="Kumppanin oletus (Kumppani's default)", is_default=True)
    AfterCareStep.objects.create(
        model=model, title="Henkilökohtainen yhteydenotto palvelun päätyttyä", days_after_end=14, order=1
    )
    AfterCareStep.objects.create(model=model, title="Yhteydenotto vuoden kuluttua", days_after_end=365, order=2)


class Migration(migrations.Migration):
    dependencies = [("care_plans", "0001_initial")]

    operations = [migrations.RunPython(create_default, migrations.RunPython.noop)]
