from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("leads", "0007_dates_people_enter_bounded")]

    operations = [
        migrations.AddIndex(
            model_name="lead",
            index=models.Index(fields=["-created_at", "-id"], name="lead_created_desc"),
        ),
    ]
