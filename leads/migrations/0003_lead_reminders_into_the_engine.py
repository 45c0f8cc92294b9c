# Lead reminders become rows of the one reminder engine (reminders.Reminder): the assignee's reminder is the
# "overdue" stage, the unit head's the "escalated" stage. Rows already sent stay sent, so nothing goes twice.
from django.db import migrations

STAGES = {1: "overdue", 2: "escalated"}


def lead_reminders_to_engine(apps, schema_editor):
    lead_reminder = apps.get_model("leads", "LeadReminder")
    if not lead_reminder.objects.exists():
        return
    content_type = apps.get_model("contenttypes", "ContentType")
    reminder = apps.get_model("reminders", "Reminder")
    lead_type, _created = content_type.objects.get_or_create(app_label="leads", model="lead")
    rows = []
    for old in lead_reminder.objects.select_related("lead").iterator():
        stage = STAGES[old.stage]
        due = old.lead.escalate_on if stage == "escalated" else old.lead.contact_due_on
        rows.append(
            reminder(
                item_type=lead_type,
                item_id=old.lead_id,
                stage=stage,
                recipient_id=old.recipient_id,
                due_date=due or old.created_at.date(),
                created_at=old.created_at,
                sent_at=old.sent_at,
                emailed_at=old.sent_at,
            )
        )
    reminder.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("leads", "0002_rename_tables"),
        ("reminders", "0002_rename_tables"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(lead_reminders_to_engine, migrations.RunPython.noop),
        migrations.DeleteModel(name="LeadReminder"),
    ]
