# What the system writes becomes a message code with parameters (accounts.messages); the old text column stays
# for rows written before codes (`manage.py messages_to_codes` converts what it can, the rest stays legacy).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('leads', '0004_help_text_wording'),
    ]

    operations = [
        migrations.AddField(
            model_name='leadevent',
            name='code',
            field=models.CharField(blank=True, default='', max_length=60, verbose_name='message'),
        ),
        migrations.AddField(
            model_name='leadevent',
            name='params',
            field=models.JSONField(blank=True, default=dict, verbose_name='message parameters'),
        ),
        migrations.AlterField(
            model_name='leadevent',
            name='summary',
            field=models.CharField(blank=True, default='', max_length=300, verbose_name='summary'),
        ),
    ]
