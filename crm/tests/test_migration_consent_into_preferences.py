"""The old single marketing consent on Contact becomes "newsletters and campaigns" preference rows."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from crm.tests.factories import OrganisationFactory

BEFORE = [("crm", "0008_contact_preferences")]
AFTER = [("crm", "0010_remove_contact_old_consent_fields")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_consents_become_preferences_with_their_date_and_source():
    organisation = OrganisationFactory()
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = _migrate(BEFORE)
        contact = old.get_model("crm", "Contact").objects

        def make(name, **consent):
            return contact.create(organisation_id=organisation.pk, first_name=name, last_name="X", **consent).pk

        by_form = make("Lomake", marketing_consent=True, consent_date=datetime.date(2025, 3, 4), consent_source="form")
        at_event = make(
            "Tapahtuma", marketing_consent=True, consent_date=datetime.date(2025, 5, 6), consent_source="event"
        )
        undated = make("Ilman", marketing_consent=True, consent_source="")
        contact.filter(pk=undated).update(created_at=datetime.datetime(2024, 12, 31, 23, 30, tzinfo=datetime.UTC))
        make("Ei", marketing_consent=False)

        new = _migrate(AFTER)
        rows = {
            p.contact_id: (p.kind, p.status, p.date, p.source)
            for p in new.get_model("crm", "ContactPreference").objects.all()
        }
        history = new.get_model("crm", "HistoricalContactPreference").objects
    finally:
        _migrate(latest)

    consent = ("newsletters_and_campaigns", "consented")
    assert rows == {
        by_form: (*consent, datetime.date(2025, 3, 4), "form"),
        at_event: (*consent, datetime.date(2025, 5, 6), "account_manager"),
        undated: (*consent, datetime.date(2025, 1, 1), "account_manager"),  # created 1.1.2025 in Helsinki
    }
    assert history.filter(history_type="+").count() == 3
