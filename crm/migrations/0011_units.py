"""A responsible unit per customer and a delivering unit per delivery (docs/ARCHITECTURE.md "Units").

Existing customers take their account manager's primary unit, deliveries their responsible person's; a
customer without one is asked for it on its next edit.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def set_units(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    Organisation = apps.get_model("crm", "Organisation")
    Delivery = apps.get_model("crm", "Delivery")
    managers_unit = User.objects.filter(pk=OuterRef("account_manager_id")).values("primary_unit_id")[:1]
    Organisation.objects.filter(responsible_unit__isnull=True, account_manager__primary_unit__isnull=False).update(
        responsible_unit_id=Subquery(managers_unit)
    )
    responsibles_unit = User.objects.filter(pk=OuterRef("responsible_id")).values("primary_unit_id")[:1]
    Delivery.objects.filter(unit__isnull=True, responsible__primary_unit__isnull=False).update(
        unit_id=Subquery(responsibles_unit)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_units"),
        ("crm", "0010_remove_contact_old_consent_fields"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="delivery",
            name="unit",
            field=models.ForeignKey(
                blank=True,
                help_text="Left empty, the responsible person's primary unit.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="deliveries",
                to="accounts.orgunit",
                verbose_name="delivering unit",
            ),
        ),
        migrations.AddField(
            model_name="historicaldelivery",
            name="unit",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="Left empty, the responsible person's primary unit.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="accounts.orgunit",
                verbose_name="delivering unit",
            ),
        ),
        migrations.AddField(
            model_name="historicalorganisation",
            name="responsible_unit",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="Required for business and public-sector customers.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="accounts.orgunit",
                verbose_name="responsible unit",
            ),
        ),
        migrations.AddField(
            model_name="organisation",
            name="responsible_unit",
            field=models.ForeignKey(
                blank=True,
                help_text="Required for business and public-sector customers.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="responsible_for",
                to="accounts.orgunit",
                verbose_name="responsible unit",
            ),
        ),
        migrations.AddIndex(
            model_name="delivery",
            index=models.Index(fields=["unit", "start_date"], name="delivery_unit_start"),
        ),
        migrations.AddIndex(
            model_name="organisation",
            index=models.Index(fields=["responsible_unit", "is_archived"], name="organisation_responsible_unit"),
        ),
        migrations.RunPython(set_units, migrations.RunPython.noop),
    ]
