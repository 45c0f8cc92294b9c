"""Live indicators: each one's arithmetic on factory data, empty data, Helsinki period boundaries, and the
drill-down listing exactly the rows the number counts."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.roles import Role
from accounts.tests.factories import OrgUnitFactory, UserFactory
from care_plans.models import CarePlan, FollowUp
from care_plans.tests.factories import CarePlanFactory, FollowUpFactory
from crm.models import Interaction
from crm.tests.factories import DeliveryFactory, InteractionFactory, OrganisationFactory
from feedback.tests.factories import ResponseFactory
from leads.models import Lead
from leads.tests.factories import LeadFactory
from roadmap.live import LIVE_INDICATORS, Context, Period, share
from segments.models import SegmentChange

pytestmark = pytest.mark.django_db

HELSINKI = timezone.get_default_timezone()
YEAR_2026 = Period(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))


def _ctx(user, period=YEAR_2026, unit=None, today=datetime.date(2026, 12, 31)):
    return Context(user=user, period=period, unit=unit, today=today)


def _figure(code, user, **kwargs):
    return LIVE_INDICATORS[code].compute(_ctx(user, **kwargs))


def _rows(code, user, part, **kwargs):
    return set(LIVE_INDICATORS[code].rows(_ctx(user, **kwargs), part).values_list("pk", flat=True))


def _at(y, m, d, h=12, minute=0):
    return datetime.datetime(y, m, d, h, minute, tzinfo=HELSINKI)


def test_share_rounds_half_up_and_has_no_value_without_a_denominator():
    assert share(1, 8) == Decimal("12.5")
    assert share(2, 3) == Decimal("66.7")
    assert share(0, 0) is None


def test_every_indicator_answers_on_empty_data(management):
    for indicator in LIVE_INDICATORS.values():
        result = indicator.compute(_ctx(management))
        assert result.value in (None, 0, Decimal("0.00")), indicator.code


def test_care_plan_coverage_counts_key_and_strategic_customers_with_an_active_plan(management):
    covered = OrganisationFactory(segment="key")
    CarePlanFactory(organisation=covered, status=CarePlan.Status.ACTIVE)
    closed = OrganisationFactory(segment="strategic")
    CarePlanFactory(organisation=closed, status=CarePlan.Status.CLOSED)
    bare = OrganisationFactory(segment="key")
    OrganisationFactory(segment="regular")  # not counted at all
    OrganisationFactory(segment="key", is_archived=True)  # hidden from management

    result = _figure("plan_coverage", management)

    assert (result.numerator, result.denominator, result.value) == (1, 3, Decimal("33.3"))
    assert _rows("plan_coverage", management, "with") == {covered.pk}
    assert _rows("plan_coverage", management, "without") == {closed.pk, bare.pk}


def test_after_care_on_time_means_completed_on_or_before_the_due_date_in_helsinki(management):
    due = datetime.date(2026, 3, 31)
    # Completed at 00:30 on 1 April in Helsinki is 21:30 UTC on 31 March: late, though UTC says the due day.
    late = FollowUpFactory(due_date=due, status=FollowUp.Status.DONE, completed_at=_at(2026, 4, 1, 0, 30))
    # Completed at 23:59 on the due day in Helsinki is the next day in UTC: on time.
    on_time = FollowUpFactory(due_date=due, status=FollowUp.Status.DONE, completed_at=_at(2026, 3, 31, 23, 59))
    still_open = FollowUpFactory(due_date=due)
    FollowUpFactory(due_date=due, status=FollowUp.Status.CANCELLED)
    FollowUpFactory(due_date=datetime.date(2027, 1, 1))  # outside the period

    result = _figure("aftercare_on_time", management)

    assert (result.numerator, result.denominator) == (1, 3)
    assert _rows("aftercare_on_time", management, "on_time") == {on_time.pk}
    assert _rows("aftercare_on_time", management, "late") == {late.pk, still_open.pk}


def test_after_care_due_after_today_is_not_counted_yet(management):
    FollowUpFactory(due_date=datetime.date(2026, 6, 1))
    result = _figure("aftercare_on_time", management, today=datetime.date(2026, 5, 31))
    assert result.denominator == 0 and result.value is None


def test_contacted_within_rhythm_compares_next_contact_due_with_today(management):
    within = OrganisationFactory(next_contact_due=datetime.date(2026, 12, 31))
    overdue = OrganisationFactory(next_contact_due=datetime.date(2026, 12, 30))
    OrganisationFactory(next_contact_due=None)

    result = _figure("within_rhythm", management)

    assert (result.numerator, result.denominator, result.value) == (1, 2, Decimal("50.0"))
    assert _rows("within_rhythm", management, "within") == {within.pk}
    assert _rows("within_rhythm", management, "overdue") == {overdue.pk}


def test_leads_from_teachers_per_month_and_their_conversion(management):
    teacher = UserFactory(roles=[Role.TEACHER])
    january = LeadFactory(passed_by=teacher, created_at=_at(2026, 1, 31, 23, 30))  # still January in Helsinki
    offered = LeadFactory(passed_by=teacher, created_at=_at(2026, 2, 2), converted_to=Lead.ConvertedTo.OFFER)
    LeadFactory(passed_by=UserFactory(roles=[Role.ACCOUNT_MANAGER]), created_at=_at(2026, 2, 3))  # not a teacher
    LeadFactory(passed_by=teacher, created_at=_at(2025, 12, 31, 23, 59))  # before the period

    result = _figure("teacher_leads", management)

    assert result.value == 2
    months = {row[0]: row[1][0] for row in result.table[:-1]}
    assert months == {"1/2026": 1, "2/2026": 1}
    assert _rows("teacher_leads", management, "month-2026-1") == {january.pk}
    assert _rows("teacher_leads", management, "offer") == {offered.pk}
    assert _rows("teacher_leads", management, "all") == {january.pk, offered.pk}


def test_new_customers_are_won_by_their_first_delivery_and_others_bought_again(management):
    new = OrganisationFactory()
    DeliveryFactory(organisation=new, start_date=datetime.date(2026, 1, 1), end_date=datetime.date(2026, 1, 1))
    old = OrganisationFactory()
    DeliveryFactory(organisation=old, start_date=datetime.date(2025, 12, 31), end_date=datetime.date(2025, 12, 31))
    DeliveryFactory(organisation=old, start_date=datetime.date(2026, 5, 1), end_date=datetime.date(2026, 5, 1))
    lapsed = OrganisationFactory()
    DeliveryFactory(organisation=lapsed, start_date=datetime.date(2024, 5, 1), end_date=datetime.date(2024, 5, 1))

    result = _figure("new_customers", management)

    assert result.table == [[(1, "won"), (1, "repeat")]]
    assert _rows("new_customers", management, "won") == {new.pk}
    assert _rows("new_customers", management, "repeat") == {old.pk}


def test_customers_per_segment_and_the_movements_in_the_period(management):
    key = OrganisationFactory(segment="key")
    OrganisationFactory(segment="regular")
    moved = SegmentChange.objects.create(
        organisation=key, from_code="regular", to_code="key", changed_at=_at(2026, 6, 1), reason="Kasvoi"
    )
    SegmentChange.objects.create(
        organisation=key, from_code="", to_code="regular", changed_at=_at(2025, 6, 1), reason="Alku"
    )

    result = _figure("per_segment", management)

    cells = {row[1][1]: row[1][0] for row in result.table}
    assert cells["segment-key"] == 1 and cells["segment-regular"] == 1
    assert cells["move-regular:key"] == 1 and "move-:regular" not in cells
    assert _rows("per_segment", management, "move-regular:key") == {moved.pk}
    assert _rows("per_segment", management, "segment-key") == {key.pk}


def test_workplace_visits_per_year_by_helsinki_time(management):
    counted = InteractionFactory(kind=Interaction.Kind.WORKPLACE_VISIT, occurred_at=_at(2026, 1, 1, 0, 15))
    InteractionFactory(kind=Interaction.Kind.WORKPLACE_VISIT, occurred_at=_at(2025, 12, 31, 23, 45))
    InteractionFactory(kind=Interaction.Kind.CALL, occurred_at=_at(2026, 3, 1))

    result = _figure("visits", management)

    assert result.value == 1 and result.table == [[2026, (1, "year-2026")]]
    assert _rows("visits", management, "year-2026") == {counted.pk}


def test_euro_value_of_deliveries_by_service_type_and_unit(management):
    unit = OrgUnitFactory()
    a = DeliveryFactory(
        start_date=datetime.date(2026, 2, 1), end_date=datetime.date(2026, 2, 1), value=Decimal("1000.50"), unit=unit
    )
    b = DeliveryFactory(
        start_date=datetime.date(2026, 3, 1),
        end_date=datetime.date(2026, 3, 1),
        value=Decimal("99.50"),
        unit=unit,
        service_type=a.service_type,
    )
    DeliveryFactory(
        start_date=datetime.date(2026, 3, 1),
        end_date=datetime.date(2026, 3, 1),
        value=Decimal("500"),
        unit=unit,
        status="cancelled",
    )

    result = _figure("delivery_value", management)

    assert result.value == Decimal("1100.00")
    part = f"st-{a.service_type_id}-{unit.pk}"
    assert result.table[0][2:] == [2, (Decimal("1100.00"), part)]
    assert _rows("delivery_value", management, part) == {a.pk, b.pk}


def test_a_unit_counts_its_own_customers_and_those_of_the_units_below(management):
    parent = OrgUnitFactory()
    child = OrgUnitFactory(parent=parent)
    mine = OrganisationFactory(next_contact_due=datetime.date(2027, 1, 1), responsible_unit=child)
    OrganisationFactory(next_contact_due=datetime.date(2027, 1, 1), responsible_unit=OrgUnitFactory())
    assert _rows("within_rhythm", management, "within", unit=parent) == {mine.pk}


def test_nps_says_so_when_there_are_no_answers(client, management):
    client.force_login(management)
    page = client.get(reverse("roadmap:live_detail", args=["nps"])).content.decode()
    assert "Ei kyselyvastauksia" in page


def test_nps_is_the_12_months_ending_on_the_periods_last_day(management):
    organisation = OrganisationFactory()

    def at(year, month, day, hour=12):
        return datetime.datetime(year, month, day, hour, tzinfo=HELSINKI)

    ResponseFactory(organisation=organisation, score=10, answered_at=at(2026, 1, 1, 0))
    ResponseFactory(organisation=organisation, score=9, answered_at=at(2026, 12, 31, 23))
    detractor = ResponseFactory(organisation=organisation, score=3, answered_at=at(2026, 6, 1))
    ResponseFactory(organisation=organisation, score=10, answered_at=at(2025, 12, 31, 23))  # before the 12 months
    result = _figure("nps", management)
    assert (result.value, result.numerator, result.denominator) == (33, 1, 3)
    assert _rows("nps", management, "detractor") == {detractor.pk}
    assert len(_rows("nps", management, "")) == 3


def test_the_drill_down_page_lists_the_rows_and_exports_them(client, management):
    covered = OrganisationFactory(segment="key", name="Katettu Oy")
    CarePlanFactory(organisation=covered, status=CarePlan.Status.ACTIVE)
    OrganisationFactory(segment="key", name="Kattamaton Oy")
    client.force_login(management)

    page = client.get(reverse("roadmap:live_rows", args=["plan_coverage", "with"])).content.decode()
    assert "Katettu Oy" in page and "Kattamaton Oy" not in page
    csv = b"".join(
        client.get(reverse("roadmap:live_rows", args=["plan_coverage", "with"]) + "?format=csv").streaming_content
    )
    assert "Katettu Oy" in csv.decode("utf-8-sig") and "Kattamaton" not in csv.decode("utf-8-sig")


def test_every_live_page_shows_its_definition_in_words(client, account_manager):
    client.force_login(account_manager)
    for code, indicator in LIVE_INDICATORS.items():
        response = client.get(reverse("roadmap:live_detail", args=[code]))
        assert response.status_code == 200, code
        page = response.content.decode()
        for words in (indicator.numerator, indicator.date_basis, indicator.period):
            assert escape(str(words)) in page, code
