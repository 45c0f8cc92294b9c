# The moved tables take the reminders app's names, and their content types move with them.
from django.db import migrations

MODELS = ["reminder", "reminderpreference", "historicalreminderpreference"]


def move_content_types(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        old = content_type.objects.filter(app_label="care_plans", model=model).first()
        if old is None:
            continue  # a database migrated from scratch: post_migrate creates them afterwards
        content_type.objects.filter(app_label="reminders", model=model).delete()
        old.app_label = "reminders"
        old.save(update_fields=["app_label"])


def move_content_types_back(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="reminders", model__in=MODELS).update(app_label="care_plans")


class Migration(migrations.Migration):
    dependencies = [
        ("reminders", "0001_initial"),
        ("care_plans", "0004_reminders_move_to_their_own_app"),
    ]

    operations = [
        *[migrations.AlterModelTable(name=model, table=None) for model in MODELS],
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
