# A contact's language and communication preferences (one row per kind of mail, with history).

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('crm', '0007_timeline_message_code_industry_name_sv'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='contact',
            name='language',
            field=models.CharField(choices=[('fi', 'Finnish'), ('sv', 'Swedish'), ('en', 'English')], default='fi', max_length=2, verbose_name='language'),
        ),
        migrations.AddField(
            model_name='historicalcontact',
            name='language',
            field=models.CharField(choices=[('fi', 'Finnish'), ('sv', 'Swedish'), ('en', 'English')], default='fi', max_length=2, verbose_name='language'),
        ),
        migrations.CreateModel(
            name='HistoricalContactPreference',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('kind', models.CharField(choices=[('surveys', 'Surveys'), ('newsletters_and_campaigns', 'Newsletters and campaigns'), ('event_invitations', 'Event invitations')], max_length=30, verbose_name='kind')),
                ('status', models.CharField(choices=[('consented', 'Consented'), ('refused', 'Refused')], max_length=10, verbose_name='status')),
                ('date', models.DateField(default=django.utils.timezone.localdate, verbose_name='date')),
                ('source', models.CharField(choices=[('form', 'Web form'), ('unsubscribe_link', 'Unsubscribe link'), ('import', 'Import'), ('account_manager', 'Account manager')], max_length=20, verbose_name='source')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('contact', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='crm.contact')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical communication preference',
                'verbose_name_plural': 'historical communication preferences',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='ContactPreference',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('surveys', 'Surveys'), ('newsletters_and_campaigns', 'Newsletters and campaigns'), ('event_invitations', 'Event invitations')], max_length=30, verbose_name='kind')),
                ('status', models.CharField(choices=[('consented', 'Consented'), ('refused', 'Refused')], max_length=10, verbose_name='status')),
                ('date', models.DateField(default=django.utils.timezone.localdate, verbose_name='date')),
                ('source', models.CharField(choices=[('form', 'Web form'), ('unsubscribe_link', 'Unsubscribe link'), ('import', 'Import'), ('account_manager', 'Account manager')], max_length=20, verbose_name='source')),
                ('contact', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='preferences', to='crm.contact')),
            ],
            options={
                'verbose_name': 'communication preference',
                'verbose_name_plural': 'communication preferences',
                'constraints': [models.UniqueConstraint(fields=('contact', 'kind'), name='contactpreference_one_per_kind')],
            },
        ),
    ]
