"""A delivering unit per offer: existing offers take their responsible person's primary unit."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def set_units(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    Offer = apps.get_model("leads", "Offer")
    responsibles_unit = User.objects.filter(pk=OuterRef("responsible_id")).values("primary_unit_id")[:1]
    Offer.objects.filter(unit__isnull=True, responsible__primary_unit__isnull=False).update(
        unit_id=Subquery(responsibles_unit)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_units"),
        ("crm", "0011_units"),
        ("leads", "0005_leadevent_message_code"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="historicaloffer",
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
            model_name="offer",
            name="unit",
            field=models.ForeignKey(
                blank=True,
                help_text="Left empty, the responsible person's primary unit.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="offers",
                to="accounts.orgunit",
                verbose_name="delivering unit",
            ),
        ),
        migrations.AddIndex(
            model_name="offer",
            index=models.Index(fields=["unit", "state"], name="offer_unit_state"),
        ),
        migrations.RunPython(set_units, migrations.RunPython.noop),
    ]
