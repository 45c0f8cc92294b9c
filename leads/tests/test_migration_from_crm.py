"""A database migrated while leads and offers were part of crm migrates to their own app with its data."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.roles import Role
from accounts.tests.factories import user_with_role
from care_plans.tests.factories import FollowUpFactory
from crm.tests.factories import OrganisationFactory

BEFORE = [("crm", "0004_leads_and_offers"), ("care_plans", "0002_default_aftercare_model"), ("leads", None)]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state([t for t in targets if t[1]]).apps


@pytest.mark.django_db(transaction=True)
def test_leads_offers_their_history_and_timeline_sources_survive_the_move():
    organisation = OrganisationFactory()
    teacher = user_with_role(Role.TEACHER, email="t@example.fi")
    follow_up = FollowUpFactory(organisation=organisation)  # follow-ups' table is the same before and after
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = _migrate(BEFORE)
        old_lead = old.get_model("crm", "Lead").objects.create(
            organisation_id=organisation.pk,
            need="staff_training",
            description="Osaamiskartoitus",
            passed_by_id=teacher.pk,
        )
        old_offer = old.get_model("crm", "Offer").objects.create(
            organisation_id=organisation.pk,
            lead=old_lead,
            title="Tarjous",
            valid_until="2027-01-31",
            responsible_id=teacher.pk,
        )
        lead_type = old.get_model("contenttypes", "ContentType").objects.get(app_label="crm", model="lead")
        old.get_model("crm", "TimelineEntry").objects.create(
            organisation_id=organisation.pk,
            occurred_at="2026-11-30T10:00:00+02:00",
            kind="lead",
            summary="Vinkki",
            source_type=lead_type,
            source_id=old_lead.pk,
        )
        need_model = old.get_model("care_plans", "NewNeed")
        need_model.objects.create(
            follow_up_id=follow_up.pk,
            organisation_id=organisation.pk,
            description="Lisää",
            lead_id=old_lead.pk,
            offer_id=old_offer.pk,
        )
        need_model.objects.create(
            follow_up_id=follow_up.pk, organisation_id=organisation.pk, description="Ei", lead_id=10**9
        )
    finally:
        _migrate(latest)

    from care_plans.models import NewNeed
    from crm.models import TimelineEntry
    from leads.models import Lead, Offer

    lead = Lead.objects.get(pk=old_lead.pk)
    assert lead.description == "Osaamiskartoitus" and lead.organisation == organisation
    assert Offer.objects.get(pk=old_offer.pk).lead == lead
    assert TimelineEntry.objects.get(kind="lead", organisation=organisation).source == lead
    needs = {need.description: need for need in NewNeed.objects.all()}
    assert needs["Lisää"].lead == lead and needs["Lisää"].offer.pk == old_offer.pk
    assert needs["Ei"].lead is None  # a lead that no longer existed is dropped, not left dangling
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
    assert {"leads_lead", "leads_historicallead", "leads_offer"} <= tables
    assert not {name for name in tables if name.startswith("crm_") and "lead" in name}
