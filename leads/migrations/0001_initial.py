# Leads and offers move from crm into their own app. The tables exist already (crm.0004): this migration
# only takes the models into the leads app's state, still on their old tables; 0002 renames the tables.

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ('accounts', '0002_notification'),
        ('crm', '0004_leads_and_offers'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='LeadSettings',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('contact_within_working_days', models.PositiveSmallIntegerField(default=3, help_text="Kumppani's default, not the seeds'. A lead not contacted by the end of this many working days (Finnish public holidays excluded) reminds its assignee.", validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(60)], verbose_name='contact within (working days)')),
                        ('escalate_after_working_days', models.PositiveSmallIntegerField(default=3, help_text="Still not contacted this many working days after the first reminder's due date: the unit's head is told.", validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(60)], verbose_name='then escalate after (working days)')),
                        ('offer_validity_days', models.PositiveSmallIntegerField(default=30, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(365)], verbose_name='offer valid for (days)')),
                    ],
                    options={
                        'db_table': 'crm_leadsettings',
                        'verbose_name': 'lead settings',
                        'verbose_name_plural': 'lead settings',
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalLead',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('new_organisation_name', models.CharField(blank=True, max_length=255, verbose_name='new organisation')),
                        ('new_business_id', models.CharField(blank=True, max_length=9, verbose_name='business ID of the new organisation')),
                        ('need', models.CharField(choices=[('staff_training', 'Staff training'), ('apprenticeship', 'Apprenticeship'), ('recruitment', 'Recruitment'), ('on_the_job_learning', 'On-the-job learning places'), ('other', 'Other')], max_length=30, verbose_name='need')),
                        ('description', models.TextField(verbose_name='what was noticed')),
                        ('contact_name', models.CharField(blank=True, max_length=200, verbose_name='contact person')),
                        ('contact_details', models.CharField(blank=True, max_length=200, verbose_name="contact person's phone or e-mail")),
                        ('urgency', models.CharField(choices=[('low', 'Not urgent'), ('normal', 'Within weeks'), ('high', 'Urgent')], default='normal', max_length=10, verbose_name='urgency')),
                        ('visited_on', models.DateField(blank=True, null=True, verbose_name='workplace visit')),
                        ('state', models.CharField(choices=[('new', 'New'), ('assigned', 'Assigned'), ('contacted', 'Contacted'), ('qualified', 'Qualified'), ('converted', 'Converted'), ('closed', 'Closed')], default='new', max_length=20, verbose_name='state')),
                        ('close_reason', models.CharField(blank=True, choices=[('not_relevant', 'Not relevant'), ('duplicate', 'Duplicate'), ('no_need_now', 'No need now')], max_length=20, verbose_name='reason for closing')),
                        ('converted_to', models.CharField(blank=True, choices=[('offer', 'Offer'), ('delivery', 'Delivery')], max_length=10, verbose_name='converted to')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='passed')),
                        ('assigned_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='assigned')),
                        ('contacted_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='first contact')),
                        ('closed_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='closed or converted')),
                        ('contact_due_on', models.DateField(blank=True, editable=False, null=True, verbose_name='contact due')),
                        ('escalate_on', models.DateField(blank=True, editable=False, null=True, verbose_name='escalation due')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('assignee', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='assignee')),
                        ('delivery', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='crm.delivery', verbose_name='delivery')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('organisation', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='crm.organisation', verbose_name='organisation')),
                        ('passed_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='passed by')),
                        ('unit', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='accounts.orgunit', verbose_name='unit')),
                    ],
                    options={
                        'db_table': 'crm_historicallead',
                        'verbose_name': 'historical lead',
                        'verbose_name_plural': 'historical leads',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalLeadRoute',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('need', models.CharField(choices=[('staff_training', 'Staff training'), ('apprenticeship', 'Apprenticeship'), ('recruitment', 'Recruitment'), ('on_the_job_learning', 'On-the-job learning places'), ('other', 'Other')], db_index=True, max_length=30, verbose_name='need')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('unit', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='accounts.orgunit', verbose_name='unit')),
                    ],
                    options={
                        'db_table': 'crm_historicalleadroute',
                        'verbose_name': 'historical lead route',
                        'verbose_name_plural': 'historical lead routes',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalLeadSettings',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('contact_within_working_days', models.PositiveSmallIntegerField(default=3, help_text="Kumppani's default, not the seeds'. A lead not contacted by the end of this many working days (Finnish public holidays excluded) reminds its assignee.", validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(60)], verbose_name='contact within (working days)')),
                        ('escalate_after_working_days', models.PositiveSmallIntegerField(default=3, help_text="Still not contacted this many working days after the first reminder's due date: the unit's head is told.", validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(60)], verbose_name='then escalate after (working days)')),
                        ('offer_validity_days', models.PositiveSmallIntegerField(default=30, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(365)], verbose_name='offer valid for (days)')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'crm_historicalleadsettings',
                        'verbose_name': 'historical lead settings',
                        'verbose_name_plural': 'historical lead settings',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Lead',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('new_organisation_name', models.CharField(blank=True, max_length=255, verbose_name='new organisation')),
                        ('new_business_id', models.CharField(blank=True, max_length=9, verbose_name='business ID of the new organisation')),
                        ('need', models.CharField(choices=[('staff_training', 'Staff training'), ('apprenticeship', 'Apprenticeship'), ('recruitment', 'Recruitment'), ('on_the_job_learning', 'On-the-job learning places'), ('other', 'Other')], max_length=30, verbose_name='need')),
                        ('description', models.TextField(verbose_name='what was noticed')),
                        ('contact_name', models.CharField(blank=True, max_length=200, verbose_name='contact person')),
                        ('contact_details', models.CharField(blank=True, max_length=200, verbose_name="contact person's phone or e-mail")),
                        ('urgency', models.CharField(choices=[('low', 'Not urgent'), ('normal', 'Within weeks'), ('high', 'Urgent')], default='normal', max_length=10, verbose_name='urgency')),
                        ('visited_on', models.DateField(blank=True, null=True, verbose_name='workplace visit')),
                        ('state', models.CharField(choices=[('new', 'New'), ('assigned', 'Assigned'), ('contacted', 'Contacted'), ('qualified', 'Qualified'), ('converted', 'Converted'), ('closed', 'Closed')], default='new', max_length=20, verbose_name='state')),
                        ('close_reason', models.CharField(blank=True, choices=[('not_relevant', 'Not relevant'), ('duplicate', 'Duplicate'), ('no_need_now', 'No need now')], max_length=20, verbose_name='reason for closing')),
                        ('converted_to', models.CharField(blank=True, choices=[('offer', 'Offer'), ('delivery', 'Delivery')], max_length=10, verbose_name='converted to')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='passed')),
                        ('assigned_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='assigned')),
                        ('contacted_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='first contact')),
                        ('closed_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='closed or converted')),
                        ('contact_due_on', models.DateField(blank=True, editable=False, null=True, verbose_name='contact due')),
                        ('escalate_on', models.DateField(blank=True, editable=False, null=True, verbose_name='escalation due')),
                        ('assignee', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='assigned_leads', to=settings.AUTH_USER_MODEL, verbose_name='assignee')),
                        ('delivery', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='crm.delivery', verbose_name='delivery')),
                        ('organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='leads', to='crm.organisation', verbose_name='organisation')),
                        ('passed_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='passed_leads', to=settings.AUTH_USER_MODEL, verbose_name='passed by')),
                        ('unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.orgunit', verbose_name='unit')),
                    ],
                    options={
                        'db_table': 'crm_lead',
                        'verbose_name': 'lead',
                        'verbose_name_plural': 'leads',
                        'ordering': ['-created_at', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalOffer',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('title', models.CharField(max_length=255, verbose_name='title')),
                        ('valid_until', models.DateField(verbose_name='valid until')),
                        ('state', models.CharField(choices=[('draft', 'Draft'), ('sent', 'Sent'), ('accepted', 'Accepted'), ('rejected', 'Rejected'), ('expired', 'Expired')], default='draft', max_length=20, verbose_name='state')),
                        ('total', models.DecimalField(decimal_places=2, default=Decimal('0.00'), max_digits=12, verbose_name='total (EUR)')),
                        ('notes', models.TextField(blank=True, verbose_name='notes')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created')),
                        ('sent_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='sent')),
                        ('decided_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='decided')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('delivery', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='crm.delivery', verbose_name='delivery')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('organisation', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='crm.organisation', verbose_name='organisation')),
                        ('responsible', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='responsible person')),
                        ('lead', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='leads.lead', verbose_name='lead')),
                    ],
                    options={
                        'db_table': 'crm_historicaloffer',
                        'verbose_name': 'historical offer',
                        'verbose_name_plural': 'historical offers',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='LeadEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('occurred_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='when')),
                        ('state', models.CharField(choices=[('new', 'New'), ('assigned', 'Assigned'), ('contacted', 'Contacted'), ('qualified', 'Qualified'), ('converted', 'Converted'), ('closed', 'Closed')], max_length=20, verbose_name='state')),
                        ('summary', models.CharField(max_length=300, verbose_name='summary')),
                        ('note', models.TextField(blank=True, verbose_name='note')),
                        ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL)),
                        ('lead', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='leads.lead')),
                    ],
                    options={
                        'db_table': 'crm_leadevent',
                        'verbose_name': 'lead event',
                        'verbose_name_plural': 'lead events',
                        'ordering': ['occurred_at', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='LeadReminder',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('stage', models.PositiveSmallIntegerField(choices=[(1, 'Reminder to the assignee'), (2, "Escalation to the unit's head")], verbose_name='stage')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created')),
                        ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent')),
                        ('lead', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reminders', to='leads.lead')),
                        ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'crm_leadreminder',
                        'verbose_name': 'lead reminder',
                        'verbose_name_plural': 'lead reminders',
                    },
                ),
                migrations.CreateModel(
                    name='LeadRoute',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('need', models.CharField(choices=[('staff_training', 'Staff training'), ('apprenticeship', 'Apprenticeship'), ('recruitment', 'Recruitment'), ('on_the_job_learning', 'On-the-job learning places'), ('other', 'Other')], max_length=30, unique=True, verbose_name='need')),
                        ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.orgunit', verbose_name='unit')),
                    ],
                    options={
                        'db_table': 'crm_leadroute',
                        'verbose_name': 'lead route',
                        'verbose_name_plural': 'lead routes',
                        'ordering': ['need'],
                    },
                ),
                migrations.CreateModel(
                    name='Offer',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=255, verbose_name='title')),
                        ('valid_until', models.DateField(verbose_name='valid until')),
                        ('state', models.CharField(choices=[('draft', 'Draft'), ('sent', 'Sent'), ('accepted', 'Accepted'), ('rejected', 'Rejected'), ('expired', 'Expired')], default='draft', max_length=20, verbose_name='state')),
                        ('total', models.DecimalField(decimal_places=2, default=Decimal('0.00'), max_digits=12, verbose_name='total (EUR)')),
                        ('notes', models.TextField(blank=True, verbose_name='notes')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created')),
                        ('sent_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='sent')),
                        ('decided_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='decided')),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('delivery', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='crm.delivery', verbose_name='delivery')),
                        ('lead', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='offers', to='leads.lead', verbose_name='lead')),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='offers', to='crm.organisation', verbose_name='organisation')),
                        ('responsible', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='offers', to=settings.AUTH_USER_MODEL, verbose_name='responsible person')),
                    ],
                    options={
                        'db_table': 'crm_offer',
                        'verbose_name': 'offer',
                        'verbose_name_plural': 'offers',
                        'ordering': ['-created_at', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalOfferLine',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('description', models.CharField(max_length=255, verbose_name='description')),
                        ('quantity', models.DecimalField(decimal_places=2, default=Decimal('1'), max_digits=9, validators=[django.core.validators.MinValueValidator(Decimal('0.01'))], verbose_name='quantity')),
                        ('unit_price', models.DecimalField(decimal_places=2, max_digits=12, validators=[django.core.validators.MinValueValidator(Decimal('0'))], verbose_name='unit price (EUR)')),
                        ('order', models.PositiveSmallIntegerField(default=0)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('service_type', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='crm.servicetype', verbose_name='service type')),
                        ('offer', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='leads.offer')),
                    ],
                    options={
                        'db_table': 'crm_historicalofferline',
                        'verbose_name': 'historical offer line',
                        'verbose_name_plural': 'historical offer lines',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='OfferLine',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('description', models.CharField(max_length=255, verbose_name='description')),
                        ('quantity', models.DecimalField(decimal_places=2, default=Decimal('1'), max_digits=9, validators=[django.core.validators.MinValueValidator(Decimal('0.01'))], verbose_name='quantity')),
                        ('unit_price', models.DecimalField(decimal_places=2, max_digits=12, validators=[django.core.validators.MinValueValidator(Decimal('0'))], verbose_name='unit price (EUR)')),
                        ('order', models.PositiveSmallIntegerField(default=0)),
                        ('offer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='lines', to='leads.offer')),
                        ('service_type', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='crm.servicetype', verbose_name='service type')),
                    ],
                    options={
                        'db_table': 'crm_offerline',
                        'verbose_name': 'offer line',
                        'verbose_name_plural': 'offer lines',
                        'ordering': ['order', 'id'],
                    },
                ),
                migrations.AddIndex(
                    model_name='lead',
                    index=models.Index(fields=['passed_by', '-created_at'], name='lead_passed_by_time'),
                ),
                migrations.AddIndex(
                    model_name='lead',
                    index=models.Index(fields=['assignee', 'state'], name='lead_assignee_state'),
                ),
                migrations.AddIndex(
                    model_name='lead',
                    index=models.Index(fields=['unit', 'state'], name='lead_unit_state'),
                ),
                migrations.AddIndex(
                    model_name='lead',
                    index=models.Index(fields=['organisation', '-created_at'], name='lead_org_time'),
                ),
                migrations.AddIndex(
                    model_name='lead',
                    index=models.Index(condition=models.Q(('contacted_at__isnull', True), ('state__in', ['new', 'assigned'])), fields=['contact_due_on'], name='lead_uncontacted_due'),
                ),
                migrations.AddConstraint(
                    model_name='lead',
                    constraint=models.CheckConstraint(condition=models.Q(('organisation__isnull', False), models.Q(('new_organisation_name', ''), _negated=True), _connector='OR'), name='lead_names_an_organisation', violation_error_message='Name the organisation.'),
                ),
                migrations.AddConstraint(
                    model_name='lead',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('close_reason__in', ['not_relevant', 'duplicate', 'no_need_now']), ('state', 'closed')), models.Q(models.Q(('state', 'closed'), _negated=True), ('close_reason', '')), _connector='OR'), name='lead_closed_with_reason', violation_error_message='A closed lead needs a reason; an open one has none.'),
                ),
                migrations.AddIndex(
                    model_name='leadevent',
                    index=models.Index(fields=['lead', 'occurred_at'], name='leadevent_lead_time'),
                ),
                migrations.AddIndex(
                    model_name='leadreminder',
                    index=models.Index(condition=models.Q(('sent_at__isnull', True)), fields=['sent_at'], name='leadreminder_unsent'),
                ),
                migrations.AddConstraint(
                    model_name='leadreminder',
                    constraint=models.UniqueConstraint(fields=('lead', 'stage', 'recipient'), name='one_lead_reminder_per_stage_recipient'),
                ),
                migrations.AddIndex(
                    model_name='offer',
                    index=models.Index(fields=['organisation', '-created_at'], name='offer_org_time'),
                ),
                migrations.AddIndex(
                    model_name='offer',
                    index=models.Index(fields=['responsible', 'state'], name='offer_responsible_state'),
                ),
                migrations.AddIndex(
                    model_name='offer',
                    index=models.Index(fields=['state', 'valid_until'], name='offer_state_valid_until'),
                ),
                migrations.AddConstraint(
                    model_name='offer',
                    constraint=models.CheckConstraint(condition=models.Q(('total__gte', 0)), name='offer_total_not_negative'),
                ),
                migrations.AddConstraint(
                    model_name='offerline',
                    constraint=models.CheckConstraint(condition=models.Q(('quantity__gt', 0)), name='offerline_quantity_positive'),
                ),
                migrations.AddConstraint(
                    model_name='offerline',
                    constraint=models.CheckConstraint(condition=models.Q(('unit_price__gte', 0)), name='offerline_price_not_negative'),
                ),
            ],
            database_operations=[],
        ),
    ]
