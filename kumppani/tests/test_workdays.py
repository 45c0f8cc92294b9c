import datetime

from kumppani.lib.workdays import add_working_days, due_after, is_working_day

D = datetime.date


def test_weekends_and_finnish_holidays_are_not_working_days():
    assert is_working_day(D(2026, 4, 2))
    assert not is_working_day(D(2026, 4, 3))  # Good Friday
    assert not is_working_day(D(2026, 4, 6))  # Easter Monday
    assert not is_working_day(D(2026, 12, 24))  # Christmas Eve
    assert not is_working_day(D(2026, 3, 28))  # Saturday


def test_calendar_days_landing_on_a_holiday_move_back_so_two_weeks_still_holds():
    # A delivery ending Friday 20.3.2026: 14 days later is Good Friday, so the Thursday before.
    assert due_after(D(2026, 3, 20), 14, working_days=False) == D(2026, 4, 2)
    # A year later is a Saturday: the Friday before.
    assert due_after(D(2026, 3, 20), 365, working_days=False) == D(2027, 3, 19)
    # 11.12. + 14 = Christmas Day; Christmas Eve is off too: Wednesday 23.12.
    assert due_after(D(2026, 12, 11), 14, working_days=False) == D(2026, 12, 23)


def test_working_days_skip_weekends_holidays_and_cross_month_and_year_ends():
    assert add_working_days(D(2026, 4, 2), 1) == D(2026, 4, 7)  # over Easter
    assert add_working_days(D(2026, 1, 30), 1) == D(2026, 2, 2)  # month end on a Friday
    assert add_working_days(D(2026, 12, 23), 2) == D(2026, 12, 29)
    assert add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 4)  # New Year's Day, then a weekend
    assert due_after(D(2026, 3, 20), 10, working_days=True) == D(2026, 4, 7)
    assert add_working_days(D(2026, 3, 28), 0) == D(2026, 3, 30)
