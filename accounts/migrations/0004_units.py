"""A primary unit per user; existing users with units get one (the first by name when they have several)."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def set_primary_units(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    memberships = User.units.through.objects.filter(user_id=OuterRef("pk")).order_by("orgunit__name", "orgunit_id")
    User.objects.filter(primary_unit__isnull=True).update(
        primary_unit_id=Subquery(memberships.values("orgunit_id")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_notification_message_code"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicaluser",
            name="primary_unit",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="One of the user's units. A user in exactly one unit has it as the primary unit.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="accounts.orgunit",
                verbose_name="primary unit",
            ),
        ),
        migrations.AddField(
            model_name="user",
            name="primary_unit",
            field=models.ForeignKey(
                blank=True,
                help_text="One of the user's units. A user in exactly one unit has it as the primary unit.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="primary_members",
                to="accounts.orgunit",
                verbose_name="primary unit",
            ),
        ),
        migrations.RunPython(set_primary_units, migrations.RunPython.noop),
    ]
