# The old single marketing consent now lives in ContactPreference rows (0008 moved it there).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("crm", "0009_contact_consent_into_preferences"),
    ]

    operations = [
        migrations.RemoveField(
            model_name='contact',
            name='consent_date',
        ),
        migrations.RemoveField(
            model_name='contact',
            name='consent_source',
        ),
        migrations.RemoveField(
            model_name='contact',
            name='marketing_consent',
        ),
        migrations.RemoveField(
            model_name='historicalcontact',
            name='consent_date',
        ),
        migrations.RemoveField(
            model_name='historicalcontact',
            name='consent_source',
        ),
        migrations.RemoveField(
            model_name='historicalcontact',
            name='marketing_consent',
        ),
    ]
