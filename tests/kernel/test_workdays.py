"""Danish working-day calendar (sundhedsaftale.workdays), without a database.

Every expected date below was checked by hand against a printed calendar, not against the code.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sundhedsaftale.workdays import (
    DANISH,
    TZ,
    Calendar,
    add_elapsed,
    add_months,
    closed_days,
    easter_sunday,
    end_of_day,
    local_date,
    local_datetime,
    to_local,
)

DATES = st.dates(min_value=date(2024, 1, 1), max_value=date(2035, 12, 31))
COUNTS = st.integers(min_value=1, max_value=30)
PROPERTY_SETTINGS = settings(max_examples=200, deadline=None)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(date(2025, 4, 16), True, id="wednesday-before-easter"),
        pytest.param(date(2025, 4, 17), False, id="skaertorsdag-2025"),
        pytest.param(date(2025, 4, 18), False, id="langfredag-2025"),
        pytest.param(date(2025, 4, 19), False, id="saturday"),
        pytest.param(date(2025, 4, 20), False, id="paaskedag-sunday"),
        pytest.param(date(2025, 4, 21), False, id="2-paaskedag-2025"),
        pytest.param(date(2025, 4, 22), True, id="tuesday-after-easter"),
        pytest.param(date(2025, 5, 1), True, id="1-may-is-working"),
        pytest.param(date(2024, 5, 1), True, id="1-may-2024-is-working"),
        pytest.param(date(2025, 5, 29), False, id="kristi-himmelfart-2025"),
        pytest.param(date(2025, 5, 30), True, id="friday-after-ascension"),
        pytest.param(date(2025, 6, 5), False, id="grundlovsdag-2025"),
        pytest.param(date(2025, 6, 9), False, id="2-pinsedag-2025"),
        pytest.param(date(2025, 12, 23), True, id="23-dec"),
        pytest.param(date(2025, 12, 24), False, id="juleaftensdag"),
        pytest.param(date(2025, 12, 25), False, id="juledag"),
        pytest.param(date(2025, 12, 26), False, id="2-juledag"),
        pytest.param(date(2025, 12, 29), True, id="monday-between-christmas-and-new-year"),
        pytest.param(date(2025, 12, 31), False, id="nytaarsaftensdag"),
        pytest.param(date(2026, 1, 1), False, id="nytaarsdag"),
        pytest.param(date(2026, 1, 2), True, id="2-jan-friday"),
        pytest.param(date(2023, 5, 5), False, id="store-bededag-2023-holiday"),
        pytest.param(date(2024, 4, 26), True, id="store-bededag-2024-abolished"),
        pytest.param(date(2025, 5, 16), True, id="store-bededag-2025-abolished"),
    ],
)
def test_is_working_day_follows_danish_calendar(day: date, expected: bool) -> None:
    # given the Danish calendar / when asked about the day / then the agreements' definition holds
    assert DANISH.is_working_day(day) is expected


def test_closed_days_lists_offices_closed_days_with_danish_names() -> None:
    # given 2025 / when listing closed days
    days = closed_days(2025)
    # then public holidays plus Grundlovsdag, 24 and 31 Dec are there, 1 May is not
    assert days[date(2025, 6, 5)] == "Grundlovsdag"
    assert days[date(2025, 12, 24)] == "Juleaftensdag"
    assert days[date(2025, 12, 31)] == "Nytårsaftensdag"
    assert date(2025, 5, 1) not in days
    assert set(days) == {
        date(2025, 1, 1),
        date(2025, 4, 17),
        date(2025, 4, 18),
        date(2025, 4, 20),
        date(2025, 4, 21),
        date(2025, 5, 29),
        date(2025, 6, 5),
        date(2025, 6, 8),
        date(2025, 6, 9),
        date(2025, 12, 24),
        date(2025, 12, 25),
        date(2025, 12, 26),
        date(2025, 12, 31),
    }


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        pytest.param(2023, date(2023, 4, 9), id="2023"),
        pytest.param(2024, date(2024, 3, 31), id="2024"),
        pytest.param(2025, date(2025, 4, 20), id="2025"),
        pytest.param(2026, date(2026, 4, 5), id="2026"),
        pytest.param(2038, date(2038, 4, 25), id="2038-latest-possible"),
        pytest.param(2285, date(2285, 3, 22), id="2285-earliest-possible"),
    ],
)
def test_easter_sunday_matches_known_dates(year: int, expected: date) -> None:
    assert easter_sunday(year) == expected


def test_easter_sunday_agrees_with_the_holidays_package() -> None:
    # Store bededag is placed from our own Easter date, so it must match the package's Påskedag.
    for year in range(2000, 2101):
        assert holidays.country_holidays("DK", years=year).get(easter_sunday(year)) == "Påskedag"


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        pytest.param(date(2025, 4, 16), 1, date(2025, 4, 22), id="over-easter"),
        pytest.param(date(2025, 4, 16), 3, date(2025, 4, 24), id="three-over-easter"),
        pytest.param(date(2025, 5, 28), 1, date(2025, 5, 30), id="over-ascension"),
        pytest.param(date(2025, 6, 4), 1, date(2025, 6, 6), id="over-grundlovsdag"),
        pytest.param(date(2025, 6, 6), 1, date(2025, 6, 10), id="over-whitsun"),
        pytest.param(date(2025, 12, 23), 1, date(2025, 12, 29), id="over-christmas"),
        pytest.param(date(2025, 12, 30), 1, date(2026, 1, 2), id="over-new-year"),
        pytest.param(date(2023, 5, 4), 1, date(2023, 5, 8), id="over-store-bededag-2023"),
        pytest.param(date(2024, 4, 25), 1, date(2024, 4, 26), id="store-bededag-2024-counts"),
        pytest.param(date(2025, 4, 30), 1, date(2025, 5, 1), id="1-may-counts"),
        pytest.param(date(2025, 4, 19), 0, date(2025, 4, 19), id="zero-returns-the-day-itself"),
    ],
)
def test_working_days_after(start: date, n: int, expected: date) -> None:
    assert DANISH.working_days_after(start, n) == expected


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        pytest.param(date(2025, 4, 22), 3, date(2025, 4, 14), id="over-easter"),
        pytest.param(date(2025, 6, 10), 2, date(2025, 6, 4), id="over-whitsun-and-grundlovsdag"),
        pytest.param(date(2025, 6, 2), 1, date(2025, 5, 30), id="over-weekend"),
        pytest.param(date(2025, 5, 30), 1, date(2025, 5, 28), id="over-ascension"),
        pytest.param(date(2026, 1, 5), 3, date(2025, 12, 29), id="over-new-year"),
        pytest.param(date(2025, 12, 29), 1, date(2025, 12, 23), id="over-christmas"),
        pytest.param(date(2025, 4, 20), 1, date(2025, 4, 16), id="from-a-holiday"),
        pytest.param(date(2025, 4, 21), 0, date(2025, 4, 21), id="zero-returns-the-day-itself"),
    ],
)
def test_working_days_before(start: date, n: int, expected: date) -> None:
    assert DANISH.working_days_before(start, n) == expected


def test_negative_working_day_count_is_rejected() -> None:
    with pytest.raises(ValueError, match="negative"):
        DANISH.working_days_after(date(2025, 4, 22), -1)


@pytest.mark.parametrize(
    ("day", "previous", "following"),
    [
        pytest.param(date(2025, 4, 17), date(2025, 4, 16), date(2025, 4, 22), id="easter"),
        pytest.param(date(2025, 12, 24), date(2025, 12, 23), date(2025, 12, 29), id="christmas"),
        pytest.param(date(2025, 12, 31), date(2025, 12, 30), date(2026, 1, 2), id="new-year"),
        pytest.param(date(2025, 4, 22), date(2025, 4, 22), date(2025, 4, 22), id="working-day-itself"),
    ],
)
def test_previous_and_next_working_day(day: date, previous: date, following: date) -> None:
    assert DANISH.previous_working_day_on_or_before(day) == previous
    assert DANISH.next_working_day_on_or_after(day) == following


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        pytest.param(date(2025, 4, 16), date(2025, 4, 22), 1, id="easter-week"),
        pytest.param(date(2025, 12, 23), date(2026, 1, 2), 3, id="christmas-to-new-year"),
        pytest.param(date(2025, 4, 22), date(2025, 4, 22), 0, id="same-day"),
        pytest.param(date(2025, 4, 22), date(2025, 4, 16), -1, id="reversed-is-negative"),
        pytest.param(date(2025, 4, 14), date(2025, 4, 18), 2, id="end-on-holiday-not-counted"),
    ],
)
def test_working_days_between_counts_half_open_interval(start: date, end: date, expected: int) -> None:
    assert DANISH.working_days_between(start, end) == expected


def test_extra_closed_days_are_skipped() -> None:
    # given an organisation closed on 22 April 2025 (e.g. a local closing day)
    calendar = Calendar(extra_closed=frozenset({date(2025, 4, 22)}))
    # when counting one working day after the Wednesday before Easter
    # then the first open day is 23 April, and the national calendar is unaffected
    assert calendar.working_days_after(date(2025, 4, 16), 1) == date(2025, 4, 23)
    assert DANISH.working_days_after(date(2025, 4, 16), 1) == date(2025, 4, 22)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        pytest.param(date(2025, 8, 31), 6, date(2026, 2, 28), id="31-aug-plus-6-to-28-feb"),
        pytest.param(date(2023, 8, 31), 6, date(2024, 2, 29), id="31-aug-plus-6-to-leap-day"),
        pytest.param(date(2024, 2, 29), 12, date(2025, 2, 28), id="leap-day-plus-year"),
        pytest.param(date(2024, 2, 29), -12, date(2023, 2, 28), id="leap-day-minus-year"),
        pytest.param(date(2025, 3, 31), -1, date(2025, 2, 28), id="31-mar-minus-1"),
        pytest.param(date(2025, 1, 15), -1, date(2024, 12, 15), id="back-over-new-year"),
        pytest.param(date(2025, 11, 30), 3, date(2026, 2, 28), id="forward-over-new-year"),
        pytest.param(date(2025, 5, 31), 1, date(2025, 6, 30), id="31-may-plus-1"),
        pytest.param(date(2025, 5, 31), 0, date(2025, 5, 31), id="zero"),
    ],
)
def test_add_months_keeps_day_or_clips_to_month_end(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("day", "utc_offset_hours"),
    [
        pytest.param(date(2025, 3, 29), 1, id="day-before-spring-forward"),
        pytest.param(date(2025, 3, 30), 2, id="spring-forward-day"),
        pytest.param(date(2025, 10, 26), 1, id="fall-back-day"),
        pytest.param(date(2025, 10, 25), 2, id="day-before-fall-back"),
    ],
)
def test_local_datetime_keeps_wall_clock_across_dst(day: date, utc_offset_hours: int) -> None:
    # when placing 13:00 on a day around a DST change
    at = local_datetime(day, time(13, 0))
    # then it is 13:00 on the wall clock with that day's offset
    assert (at.hour, at.minute) == (13, 0)
    assert at.utcoffset() == timedelta(hours=utc_offset_hours)


def test_end_of_day_is_last_second_local() -> None:
    at = end_of_day(date(2025, 10, 26))
    assert at.tzinfo is TZ
    assert at.astimezone(UTC) == datetime(2025, 10, 26, 22, 59, 59, tzinfo=UTC)


def test_to_local_and_local_date_convert_from_utc() -> None:
    # given 22:30 UTC on 1 June = 00:30 CEST on 2 June
    moment = datetime(2025, 6, 1, 22, 30, tzinfo=UTC)
    # then the local date is the next day
    assert to_local(moment) == datetime(2025, 6, 2, 0, 30, tzinfo=TZ)
    assert local_date(moment) == date(2025, 6, 2)


def test_to_local_rejects_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="naive"):
        to_local(datetime(2025, 6, 1, 12, 0))


@pytest.mark.parametrize(
    ("start", "expected_local"),
    [
        pytest.param(datetime(2025, 3, 29, 12, 0), datetime(2025, 3, 30, 13, 0), id="spring-forward"),
        pytest.param(datetime(2025, 10, 25, 12, 0), datetime(2025, 10, 26, 11, 0), id="fall-back"),
        pytest.param(datetime(2025, 6, 1, 12, 0), datetime(2025, 6, 2, 12, 0), id="summer"),
    ],
)
def test_add_elapsed_is_real_time(start: datetime, expected_local: datetime) -> None:
    assert add_elapsed(start.replace(tzinfo=TZ), timedelta(hours=24)) == expected_local.replace(tzinfo=TZ)


@PROPERTY_SETTINGS
@given(day=DATES, n=COUNTS)
def test_property_working_days_after_lands_on_working_day_n_away(day: date, n: int) -> None:
    after = DANISH.working_days_after(day, n)
    assert DANISH.is_working_day(after)
    assert DANISH.working_days_between(day, after) == n


@PROPERTY_SETTINGS
@given(day=DATES, n=COUNTS)
def test_property_working_days_before_lands_on_working_day_n_away(day: date, n: int) -> None:
    before = DANISH.working_days_before(day, n)
    assert DANISH.is_working_day(before)
    # (before, d] holds the n counted days minus `before` itself, plus d if it is a working day
    assert DANISH.working_days_between(before, day) == n - 1 + DANISH.is_working_day(day)


@PROPERTY_SETTINGS
@given(day=DATES, n=COUNTS)
def test_property_before_and_after_are_inverse(day: date, n: int) -> None:
    assert DANISH.working_days_before(DANISH.working_days_after(day, n), n) == (
        DANISH.previous_working_day_on_or_before(day)
    )
    assert DANISH.working_days_after(DANISH.working_days_before(day, n), n) == (
        DANISH.next_working_day_on_or_after(day)
    )


@PROPERTY_SETTINGS
@given(day=DATES, months=st.integers(min_value=-36, max_value=36))
def test_property_add_months_moves_whole_months(day: date, months: int) -> None:
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day <= day.day
    if day.day <= 28:
        assert moved.day == day.day
