"""A region can switch the product's calendar conventions; the defaults stay the product's own choices."""

from datetime import date

from sundhedsaftale.rulesets import rule_set
from sundhedsaftale.workdays import DANISH, Calendar, Conventions, closed_days

GP_LETTER = rule_set("2008").rules["psychiatry.gp_letter"]  # 7 calendar days after, moved off a closed day


def test_the_default_calendar_closes_the_three_convention_days_and_opens_may_day() -> None:
    assert not DANISH.is_working_day(date(2025, 6, 5))
    assert not DANISH.is_working_day(date(2025, 12, 24))
    assert not DANISH.is_working_day(date(2025, 12, 31))
    assert DANISH.is_working_day(date(2025, 5, 1))


def test_each_convention_day_can_be_switched_on_its_own() -> None:
    open_christmas_eve = Calendar(conventions=Conventions(christmas_eve_closed=False))
    closed_may_day = Calendar(conventions=Conventions(may_day_open=False))
    open_constitution_day = Calendar(conventions=Conventions(constitution_day_closed=False))
    open_new_years_eve = Calendar(conventions=Conventions(new_years_eve_closed=False))

    assert open_christmas_eve.is_working_day(date(2025, 12, 24))
    assert not open_christmas_eve.is_working_day(date(2025, 12, 31))
    assert not closed_may_day.is_working_day(date(2025, 5, 1))
    assert closed_days(2025, Conventions(may_day_open=False))[date(2025, 5, 1)] == "1. maj"
    assert open_constitution_day.is_working_day(date(2025, 6, 5))
    assert open_new_years_eve.is_working_day(date(2025, 12, 31))
    # A real public holiday is never a convention.
    assert not open_christmas_eve.is_working_day(date(2025, 12, 25))


def test_a_deadline_on_a_sunday_moves_by_default_and_stays_when_the_region_switches_moving_off() -> None:
    anchor = date(2025, 12, 7)  # a Sunday: 7 days later is Sunday 14 December

    assert GP_LETTER.compute(anchor).due_date == date(2025, 12, 15)
    kept = GP_LETTER.compute(anchor, Calendar(conventions=Conventions(move_off_closed_days=False)))
    assert kept.due_date == date(2025, 12, 14)
