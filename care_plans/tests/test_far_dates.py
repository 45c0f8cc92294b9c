"""A delivery marked done with a date beyond the bound is refused next to the field, so nothing half-done is
saved; and a delivery stored with such a date before the bound does not stop the nightly after-care sweep."""

import datetime
import logging

import pytest
from django.urls import reverse
from django.utils import timezone

from care_plans import services
from care_plans.models import FollowUp
from crm.models import Delivery, ServiceType
from crm.tests.factories import DeliveryFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _done_delivery(responsible, **dates) -> dict:
    return {
        "service_type": str(ServiceType.objects.get(code="staff_training").pk),
        "title": "Esihenkilökoulutus",
        "responsible": str(responsible.pk),
        "start_date": "2026-02-01",
        "end_date": "2026-03-01",
        "value": "12000",
        "status": "done",
        **dates,
    }


@pytest.mark.parametrize("field", ["end_date", "start_date"])
def test_a_delivery_marked_done_in_year_9999_is_refused_with_a_message_and_nothing_saved(
    client, account_manager, field
):
    customer = OrganisationFactory(account_manager=account_manager)
    client.force_login(account_manager)
    dates = {"end_date": "9999-12-31", **({"start_date": "9999-12-01"} if field == "start_date" else {})}
    response = client.post(reverse("crm:delivery_create", args=[customer.pk]), _done_delivery(account_manager, **dates))

    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert errors == [f"Anna päivämäärä väliltä 1.1.2000–{_latest()}: tarkista vuosi."]
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not Delivery.objects.exists()
    assert not FollowUp.objects.exists()


def test_a_delivery_marked_done_nine_years_ahead_gets_its_after_care(
    client, account_manager, django_capture_on_commit_callbacks
):
    customer = OrganisationFactory(account_manager=account_manager)
    client.force_login(account_manager)
    end = timezone.localdate() + datetime.timedelta(days=365 * 9)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("crm:delivery_create", args=[customer.pk]),
            _done_delivery(account_manager, start_date=str(end), end_date=str(end)),
        )
    assert response.status_code == 302
    assert FollowUp.objects.filter(delivery__organisation=customer).count() == 2


def test_a_stored_year_9999_delivery_does_not_stop_the_sweep(account_manager, caplog):
    broken = DeliveryFactory(responsible=account_manager, status=Delivery.Status.DONE)
    # Stored before dates were bounded: straight into the table, past every check.
    Delivery.objects.filter(pk=broken.pk).update(
        start_date=datetime.date(9999, 12, 1), end_date=datetime.date(9999, 12, 31), completed_at=timezone.now()
    )
    sound = DeliveryFactory(
        responsible=account_manager,
        status=Delivery.Status.IN_PROGRESS,
        start_date=timezone.localdate() - datetime.timedelta(days=20),
        end_date=timezone.localdate() - datetime.timedelta(days=2),
    )
    with caplog.at_level(logging.ERROR):
        services.followups_create_for_ended_deliveries()

    assert FollowUp.objects.filter(delivery=sound).count() == 2
    assert not FollowUp.objects.filter(delivery=broken).exists()
    assert f"delivery {broken.pk}" in caplog.text


def _latest() -> str:
    from kumppani.web.dates import latest_date

    day = latest_date()
    return f"{day.day}.{day.month}.{day.year}"
