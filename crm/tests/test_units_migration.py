"""The units migrations fill the new fields of existing rows from the people responsible for them."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.models import User
from accounts.tests.factories import OrgUnitFactory, UserFactory
from crm.models import CustomerGroup, Delivery, Organisation
from crm.tests.factories import DeliveryFactory, OrganisationFactory
from leads.models import Offer

BEFORE = [
    ("accounts", "0003_notification_message_code"),
    ("crm", "0010_remove_contact_old_consent_fields"),
    ("leads", "0005_leadevent_message_code"),
]


def _migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_existing_users_customers_deliveries_and_offers_get_their_units():
    alpha, beta = OrgUnitFactory(name="Alfa"), OrgUnitFactory(name="Beta")
    single, several, none = UserFactory(), UserFactory(), UserFactory()
    single.units.add(beta)
    several.units.add(beta, alpha)
    managed = OrganisationFactory(account_manager=single, responsible_unit=None)
    unmanaged = OrganisationFactory(account_manager=None, responsible_unit=None)
    of_unitless = OrganisationFactory(account_manager=none, responsible_unit=None, customer_group=CustomerGroup.PUBLIC)
    delivery = DeliveryFactory(organisation=managed, responsible=several)
    offer = Offer.objects.create(
        organisation=managed, title="Tarjous", responsible=single, valid_until=datetime.date(2027, 1, 31)
    )
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    _migrate(BEFORE)
    _migrate(latest)

    assert User.objects.get(pk=single.pk).primary_unit == beta
    assert User.objects.get(pk=several.pk).primary_unit == alpha  # the first by name
    assert User.objects.get(pk=none.pk).primary_unit is None
    assert Organisation.objects.get(pk=managed.pk).responsible_unit == beta
    assert Organisation.objects.get(pk=unmanaged.pk).responsible_unit is None  # asked for on the next edit
    assert Organisation.objects.get(pk=of_unitless.pk).responsible_unit is None
    assert Delivery.objects.get(pk=delivery.pk).unit == alpha
    assert Offer.objects.get(pk=offer.pk).unit == beta
