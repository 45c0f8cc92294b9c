# Leads and offers now belong to the leads app (leads.0001 takes them into its state on the same tables).
# This only removes them from crm's state: no table is touched here.
from django.db import migrations

MOVED = [
    "HistoricalOfferLine",
    "OfferLine",
    "HistoricalOffer",
    "Offer",
    "LeadEvent",
    "LeadReminder",
    "HistoricalLead",
    "Lead",
    "HistoricalLeadRoute",
    "LeadRoute",
    "HistoricalLeadSettings",
    "LeadSettings",
]


class Migration(migrations.Migration):
    dependencies = [
        ("crm", "0004_leads_and_offers"),
        ("leads", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name=name) for name in MOVED],
            database_operations=[],
        )
    ]
