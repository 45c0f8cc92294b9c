# Reminders and reminder preferences now belong to the reminders app (reminders.0001 takes them over on the
# same tables). This only removes them from care_plans' state: no table is touched here.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("care_plans", "0003_newneed_lead_offer_keys"),
        ("reminders", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="HistoricalReminderPreference"),
                migrations.DeleteModel(name="ReminderPreference"),
                migrations.DeleteModel(name="Reminder"),
            ],
            database_operations=[],
        )
    ]
