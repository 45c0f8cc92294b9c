# What the system writes becomes a message code with parameters (accounts.messages); the old text column stays
# for rows written before codes (`manage.py messages_to_codes` converts what it can, the rest stays legacy).
# Industries get a Swedish name; empty, the Finnish one is shown.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('crm', '0006_delivery_completed_index'),
    ]

    operations = [
        migrations.AddField(
            model_name='industry',
            name='name_sv',
            field=models.CharField(blank=True, default='', max_length=255, verbose_name='name (Swedish)'),
        ),
        migrations.AddField(
            model_name='timelineentry',
            name='message_code',
            field=models.CharField(blank=True, default='', max_length=60, verbose_name='message'),
        ),
        migrations.AddField(
            model_name='timelineentry',
            name='message_params',
            field=models.JSONField(blank=True, default=dict, verbose_name='message parameters'),
        ),
        migrations.AlterField(
            model_name='timelineentry',
            name='summary',
            field=models.CharField(blank=True, default='', max_length=300, verbose_name='summary'),
        ),
    ]
