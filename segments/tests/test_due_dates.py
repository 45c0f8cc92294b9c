"""Next contact due: month ends, leap years and the days Finnish clocks change."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from freezegun import freeze_time

from crm import services as crm_services
from crm.models import Interaction, Organisation
from crm.tests.factories import OrganisationFactory
from kumppani.lib.months import add_months, next_contact_due
from segments import services

UTC = datetime.UTC
HKI = ZoneInfo("Europe/Helsinki")
TODAY = datetime.date(2026, 5, 4)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2028, 1, 31), 1, datetime.date(2028, 2, 29)),  # leap year
        (datetime.date(2026, 1, 30), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2026, 3, 31), 1, datetime.date(2026, 4, 30)),
        (datetime.date(2026, 8, 31), 6, datetime.date(2027, 2, 28)),
        (datetime.date(2026, 11, 30), 3, datetime.date(2027, 2, 28)),
        (datetime.date(2026, 12, 15), 1, datetime.date(2027, 1, 15)),  # year boundary
        (datetime.date(2026, 2, 28), 1, datetime.date(2026, 3, 28)),  # no "sticky" month end
        (datetime.date(2026, 3, 31), -1, datetime.date(2026, 2, 28)),
    ],
)
def test_add_months_clamps_to_the_end_of_the_month(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("last_contact_utc", "months", "expected"),
    [
        # Spring forward: 29.3.2026 at 03:00 EET → 04:00 EEST. 22:30 UTC on the 28th is 00:30 on the 29th here.
        (datetime.datetime(2026, 3, 28, 22, 30, tzinfo=UTC), 1, datetime.date(2026, 4, 29)),
        (datetime.datetime(2026, 3, 28, 21, 59, tzinfo=UTC), 1, datetime.date(2026, 4, 28)),  # 23:59 on the 28th
        (datetime.datetime(2026, 3, 29, 0, 59, tzinfo=UTC), 2, datetime.date(2026, 5, 29)),  # 02:59 EET
        (datetime.datetime(2026, 3, 29, 1, 0, tzinfo=UTC), 2, datetime.date(2026, 5, 29)),  # 04:00 EEST
        (datetime.datetime(2026, 3, 29, 21, 30, tzinfo=UTC), 1, datetime.date(2026, 4, 30)),  # 00:30 on the 30th
        # Fall back: 25.10.2026 at 04:00 EEST → 03:00 EET. 21:30 UTC on the 24th is 00:30 on the 25th here.
        (datetime.datetime(2026, 10, 24, 21, 30, tzinfo=UTC), 1, datetime.date(2026, 11, 25)),
        (datetime.datetime(2026, 10, 25, 0, 30, tzinfo=UTC), 1, datetime.date(2026, 11, 25)),  # 03:30, first time
        (datetime.datetime(2026, 10, 25, 1, 30, tzinfo=UTC), 1, datetime.date(2026, 11, 25)),  # 03:30, second time
        (datetime.datetime(2026, 10, 25, 21, 59, tzinfo=UTC), 1, datetime.date(2026, 11, 25)),  # 23:59 EET
        (datetime.datetime(2026, 10, 25, 22, 0, tzinfo=UTC), 1, datetime.date(2026, 11, 26)),  # 00:00 on the 26th
        # Month end in local time: 31.1. 01:00 here is still 30.1. in UTC.
        (datetime.datetime(2026, 1, 30, 23, 0, tzinfo=UTC), 1, datetime.date(2026, 2, 28)),
        (datetime.datetime(2026, 8, 30, 21, 30, tzinfo=UTC), 1, datetime.date(2026, 9, 30)),  # 31.8. 00:30 EEST
    ],
)
def test_due_date_counts_from_the_finnish_calendar_day(last_contact_utc, months, expected):
    assert next_contact_due(last_contact_utc, months, TODAY) == expected


def test_never_contacted_is_due_today_and_no_rhythm_gives_no_date():
    assert next_contact_due(None, 3, TODAY) == TODAY
    assert next_contact_due(datetime.datetime(2026, 1, 1, tzinfo=UTC), None, TODAY) is None
    with pytest.raises(ValueError):
        next_contact_due(datetime.datetime(2026, 1, 1), 1, TODAY)  # naive


@pytest.mark.django_db
@freeze_time("2026-03-28 22:30:00")  # 00:30 on 29.3. in Helsinki, the night clocks spring forward
def test_never_contacted_customer_is_due_on_the_finnish_today(account_manager):
    organisation = OrganisationFactory()
    services.segment_change(organisation=organisation, to_code="regular", actor=account_manager, reason="x")
    organisation.refresh_from_db()
    assert organisation.next_contact_due == datetime.date(2026, 3, 29)


@pytest.mark.django_db(transaction=True)
def test_logging_a_contact_moves_the_due_date(account_manager):
    organisation = OrganisationFactory()
    services.segment_change(organisation=organisation, to_code="key", actor=account_manager, reason="x")
    with freeze_time("2026-10-25 12:00:00"):
        interaction = Interaction(
            organisation=organisation,
            kind=Interaction.Kind.MEETING,
            subject="Tapaaminen",
            occurred_at=datetime.datetime(2026, 10, 24, 21, 30, tzinfo=UTC),
        )
        crm_services.interaction_save(interaction=interaction, actor=account_manager)
    organisation.refresh_from_db()
    assert organisation.last_contact_at.astimezone(HKI).date() == datetime.date(2026, 10, 25)
    assert organisation.next_contact_due == datetime.date(2026, 12, 25)  # key: every two months


@pytest.mark.django_db
def test_recompute_rebuilds_stored_dates(account_manager):
    contacted = OrganisationFactory(
        segment="occasional", last_contact_at=datetime.datetime(2026, 1, 31, 10, tzinfo=UTC)
    )
    potential = OrganisationFactory(segment="potential", next_contact_due=datetime.date(2020, 1, 1))
    with freeze_time("2026-05-04 12:00"):
        assert services.next_contacts_recompute() == 2
        assert services.next_contacts_recompute() == 0
    assert Organisation.objects.get(pk=contacted.pk).next_contact_due == datetime.date(2026, 7, 31)
    assert Organisation.objects.get(pk=potential.pk).next_contact_due is None
    assert timezone.is_aware(contacted.last_contact_at)
