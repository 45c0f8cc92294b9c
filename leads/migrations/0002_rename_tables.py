# The moved tables take the leads app's names (crm_lead -> leads_lead, crm_historicallead ->
# leads_historicallead, ...), and their content types move with them so that timeline sources, reminders,
# history and permissions that point at a lead or an offer keep resolving.
from django.db import migrations

MODELS = [
    "leadsettings",
    "historicalleadsettings",
    "leadroute",
    "historicalleadroute",
    "lead",
    "historicallead",
    "leadevent",
    "leadreminder",
    "offer",
    "historicaloffer",
    "offerline",
    "historicalofferline",
]


def move_content_types(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    # A database migrated from scratch has neither yet (post_migrate creates them afterwards).
    taken = set(content_type.objects.filter(app_label="leads", model__in=MODELS).values_list("model", flat=True))
    for model in MODELS:
        old = content_type.objects.filter(app_label="crm", model=model).first()
        if old is None:
            continue
        if model in taken:
            # Both exist (post_migrate ran between the two steps): keep the old row, which everything points at.
            content_type.objects.filter(app_label="leads", model=model).delete()
        old.app_label = "leads"
        old.save(update_fields=["app_label"])


def move_content_types_back(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="leads", model__in=MODELS).update(app_label="crm")


class Migration(migrations.Migration):
    dependencies = [
        ("leads", "0001_initial"),
        ("crm", "0005_leads_move_to_their_own_app"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        *[migrations.AlterModelTable(name=model, table=None) for model in MODELS],
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
