# Reminders and reminder preferences move from care_plans into the reminder engine's own app, which every app
# with due items uses. The tables exist (care_plans.0001): this takes the models into the reminders app's
# state on their old tables; 0002 renames the tables and moves the content types.
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import simple_history.models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("care_plans", "0003_newneed_lead_offer_keys"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalReminderPreference',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('email', models.BooleanField(default=True, verbose_name='send reminders by e-mail')),
                        ('in_app', models.BooleanField(default=True, verbose_name='show reminders in the notification centre')),
                        ('daily_digest', models.BooleanField(default=False, help_text='Reminders are collected into one e-mail each morning.', verbose_name='one daily digest instead of separate e-mails')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('user', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'care_plans_historicalreminderpreference',
                        'verbose_name': 'historical reminder preference',
                        'verbose_name_plural': 'historical reminder preferences',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Reminder',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('item_id', models.PositiveBigIntegerField()),
                        ('stage', models.CharField(choices=[('due_soon', 'Due soon'), ('due_today', 'Due today'), ('overdue', 'Overdue'), ('escalated', "Escalated to the unit's head")], max_length=20, verbose_name='stage')),
                        ('due_date', models.DateField(verbose_name='due date')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created')),
                        ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent')),
                        ('in_digest', models.BooleanField(default=False)),
                        ('emailed_at', models.DateTimeField(blank=True, null=True, verbose_name='e-mailed')),
                        ('item_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='contenttypes.contenttype')),
                        ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reminders', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'care_plans_reminder',
                        'verbose_name': 'reminder',
                        'verbose_name_plural': 'reminders',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='ReminderPreference',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('email', models.BooleanField(default=True, verbose_name='send reminders by e-mail')),
                        ('in_app', models.BooleanField(default=True, verbose_name='show reminders in the notification centre')),
                        ('daily_digest', models.BooleanField(default=False, help_text='Reminders are collected into one e-mail each morning.', verbose_name='one daily digest instead of separate e-mails')),
                        ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='reminder_preference', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'care_plans_reminderpreference',
                        'verbose_name': 'reminder preference',
                        'verbose_name_plural': 'reminder preferences',
                    },
                ),
                migrations.AddIndex(
                    model_name='reminder',
                    index=models.Index(condition=models.Q(('sent_at__isnull', True)), fields=['created_at'], name='reminder_unsent'),
                ),
                migrations.AddIndex(
                    model_name='reminder',
                    index=models.Index(condition=models.Q(('in_digest', True)), fields=['recipient'], name='reminder_digest_pending'),
                ),
                migrations.AddIndex(
                    model_name='reminder',
                    index=models.Index(fields=['recipient', '-created_at'], name='reminder_recipient_time'),
                ),
                migrations.AddConstraint(
                    model_name='reminder',
                    constraint=models.UniqueConstraint(fields=('item_type', 'item_id', 'stage', 'recipient'), name='one_reminder_per_item_stage_recipient'),
                ),
            ],
            database_operations=[],
        ),
    ]
