# Each contact's marketing consent becomes a consented "newsletters and campaigns" preference.
#
# The old sources were where the consent was given (a web form, e-mail, a meeting, an event, a contract,
# other); all but the web form were recorded by an account manager, which is what the new source says.
# A consent without a date gets the day the contact was created (in Helsinki): the earliest it can have been.
# Each new row gets its first history row, saying where it came from.

import zoneinfo

from django.db import migrations
from django.utils import timezone

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")


def consent_into_preferences(apps, schema_editor):
    Contact = apps.get_model("crm", "Contact")
    ContactPreference = apps.get_model("crm", "ContactPreference")
    consenting = Contact.objects.filter(marketing_consent=True).exclude(preferences__kind="newsletters_and_campaigns")
    batch = []
    for contact_id, consent_date, consent_source, created_at in consenting.values_list(
        "pk", "consent_date", "consent_source", "created_at"
    ).iterator(chunk_size=2000):
        batch.append(
            ContactPreference(
                contact_id=contact_id,
                kind="newsletters_and_campaigns",
                status="consented",
                date=consent_date or created_at.astimezone(HELSINKI).date(),
                source="form" if consent_source == "form" else "account_manager",
            )
        )
        if len(batch) >= 2000:
            _create_with_history(apps, batch)
            batch = []
    _create_with_history(apps, batch)


def _create_with_history(apps, batch):
    ContactPreference = apps.get_model("crm", "ContactPreference")
    HistoricalContactPreference = apps.get_model("crm", "HistoricalContactPreference")
    now = timezone.now()
    HistoricalContactPreference.objects.bulk_create(
        HistoricalContactPreference(
            id=row.pk,
            contact_id=row.contact_id,
            kind=row.kind,
            status=row.status,
            date=row.date,
            source=row.source,
            history_date=now,
            history_type="+",
            history_change_reason="Moved from the contact's marketing consent",
        )
        for row in ContactPreference.objects.bulk_create(batch)
    )


def preferences_into_consent(apps, schema_editor):
    Contact = apps.get_model("crm", "Contact")
    ContactPreference = apps.get_model("crm", "ContactPreference")
    consents = ContactPreference.objects.filter(kind="newsletters_and_campaigns", status="consented")
    for contact_id, date, source in consents.values_list("contact_id", "date", "source").iterator(chunk_size=2000):
        Contact.objects.filter(pk=contact_id).update(
            marketing_consent=True, consent_date=date, consent_source="form" if source == "form" else "other"
        )


class Migration(migrations.Migration):

    dependencies = [
        ("crm", "0008_contact_preferences"),
    ]

    operations = [
        migrations.RunPython(consent_into_preferences, preferences_into_consent),
    ]
