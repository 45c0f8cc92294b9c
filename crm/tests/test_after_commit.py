"""A receiver of crm's after-commit events that fails can fail neither the committed write nor other receivers."""

import logging

import pytest

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from crm import services
from crm.models import Delivery, Interaction
from crm.signals import account_manager_changed, delivery_completed, interaction_logged
from crm.tests.factories import DeliveryFactory, InteractionFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def broken_receiver():
    """A receiver that raises, and one connected after it that records what it got."""
    received = []

    def broken(sender, **kwargs):
        raise RuntimeError("a receiver's bug, or its database write failing")

    def recording(sender, **kwargs):
        received.append(kwargs)

    signals = (account_manager_changed, delivery_completed, interaction_logged)
    for signal in signals:
        signal.connect(broken, weak=False, dispatch_uid=f"test_broken_{id(signal)}")
        signal.connect(recording, weak=False, dispatch_uid=f"test_recording_{id(signal)}")
    yield received
    for signal in signals:
        signal.disconnect(dispatch_uid=f"test_broken_{id(signal)}")
        signal.disconnect(dispatch_uid=f"test_recording_{id(signal)}")


def test_a_failing_receiver_fails_no_committed_write(
    broken_receiver, account_manager, django_capture_on_commit_callbacks, caplog
):
    caplog.set_level(logging.ERROR, logger="django.dispatch")
    organisation = OrganisationFactory(account_manager=account_manager)
    other = UserFactory(roles=[Role.ACCOUNT_MANAGER])
    with django_capture_on_commit_callbacks(execute=True):
        services.account_team_assign(organisation=organisation, manager=other, deputy=None, actor=account_manager)
    with django_capture_on_commit_callbacks(execute=True):
        services.interaction_save(
            interaction=InteractionFactory.build(organisation=organisation), actor=account_manager
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.delivery_save(
            delivery=DeliveryFactory.build(
                organisation=organisation, responsible=account_manager, status=Delivery.Status.DONE
            ),
            actor=account_manager,
        )
    # Each write stands, every other receiver ran, and the failures were logged.
    organisation.refresh_from_db()
    assert organisation.account_manager == other
    assert Interaction.objects.filter(organisation=organisation).count() == 1
    assert Delivery.objects.filter(organisation=organisation, status=Delivery.Status.DONE).count() == 1
    assert len(broken_receiver) == 3
    assert caplog.text.count("a receiver's bug") >= 3
