# A need found in after-care points at the lead and the offer it became with real foreign keys (it held bare
# ids while leads could be missing). Ids whose row no longer exists are dropped; nothing else changes.
import django.db.models.deletion
from django.db import migrations, models


def copy_ids(apps, schema_editor):
    new_need = apps.get_model("care_plans", "NewNeed")
    lead = apps.get_model("leads", "Lead")
    offer = apps.get_model("leads", "Offer")
    leads = set(lead.objects.values_list("pk", flat=True))
    offers = set(offer.objects.values_list("pk", flat=True))
    for need in new_need.objects.exclude(lead_id__isnull=True, offer_id__isnull=True).iterator():
        need.lead_fk_id = need.lead_id if need.lead_id in leads else None
        need.offer_fk_id = need.offer_id if need.offer_id in offers else None
        need.save(update_fields=["lead_fk", "offer_fk"])


def copy_ids_back(apps, schema_editor):
    new_need = apps.get_model("care_plans", "NewNeed")
    for need in new_need.objects.all().iterator():
        need.lead_id, need.offer_id = need.lead_fk_id, need.offer_fk_id
        need.save(update_fields=["lead_id", "offer_id"])


class Migration(migrations.Migration):
    dependencies = [
        ("care_plans", "0002_default_aftercare_model"),
        ("leads", "0002_rename_tables"),
    ]

    operations = [
        migrations.AddField(
            model_name="newneed",
            name="lead_fk",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="leads.lead",
                verbose_name="lead",
            ),
        ),
        migrations.AddField(
            model_name="newneed",
            name="offer_fk",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="leads.offer",
                verbose_name="offer",
            ),
        ),
        migrations.RunPython(copy_ids, copy_ids_back),
        migrations.RemoveField(model_name="newneed", name="lead_id"),
        migrations.RemoveField(model_name="newneed", name="offer_id"),
        migrations.RenameField(model_name="newneed", old_name="lead_fk", new_name="lead"),
        migrations.RenameField(model_name="newneed", old_name="offer_fk", new_name="offer"),
    ]
