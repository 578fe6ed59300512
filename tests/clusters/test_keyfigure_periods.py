"""Reporting periods: the codes a steering group types in a URL and the API (``?period=2026-H1``)."""

from datetime import date

import pytest

from clusters.keyfigures.periods import PeriodError, last_completed_half, period_of, period_parse


@pytest.mark.parametrize(
    ("code", "start", "end", "label"),
    [
        ("2026-11", date(2026, 11, 1), date(2026, 12, 1), "november 2026"),
        ("2026-12", date(2026, 12, 1), date(2027, 1, 1), "december 2026"),
        ("2026-Q4", date(2026, 10, 1), date(2027, 1, 1), "4. kvartal 2026"),
        ("2026-H1", date(2026, 1, 1), date(2026, 7, 1), "1. halvår 2026"),
        ("2026-H2", date(2026, 7, 1), date(2027, 1, 1), "2. halvår 2026"),
        ("2026", date(2026, 1, 1), date(2027, 1, 1), "2026"),
    ],
    ids=["month", "december-crosses-year", "quarter", "first-half", "second-half", "year"],
)
def test_a_period_code_names_its_dates_and_danish_label(
    code: str, start: date, end: date, label: str
) -> None:
    period = period_parse(code)

    assert (period.start, period.end, period.label, period.code) == (start, end, label, code)


@pytest.mark.parametrize(
    "code",
    [
        "",
        "2026-13",
        "2026-00",
        "2026-Q5",
        "2026-H3",
        "26-H1",
        "２０２６-H1",
        "2026-H1\x00",
        "1899",
        "99999-01",
    ],
    ids=[
        "empty",
        "month-13",
        "month-0",
        "q5",
        "h3",
        "two-digit-year",
        "full-width",
        "nul",
        "too-early",
        "huge",
    ],
)
def test_a_strange_period_code_is_refused_in_danish(code: str) -> None:
    with pytest.raises(PeriodError, match=r"(?i)periode|måned"):
        period_parse(code)


def test_the_previous_half_of_the_first_half_is_last_years_second() -> None:
    assert period_parse("2026-H1").previous().code == "2025-H2"
    assert period_parse("2026-01").previous().code == "2025-12"


def test_a_half_year_trends_over_its_six_months() -> None:
    assert [month.code for month in period_parse("2026-H2").months()] == [
        "2026-07",
        "2026-08",
        "2026-09",
        "2026-10",
        "2026-11",
        "2026-12",
    ]


def test_the_reports_of_1_april_and_1_october_cover_the_last_completed_half() -> None:
    """ "2 gange årligt (1. april og 1. oktober)": on 1 April the last half-year completed is last year's second."""
    assert last_completed_half(date(2027, 4, 1)).code == "2026-H2"
    assert last_completed_half(date(2026, 10, 1)).code == "2026-H1"
    assert period_of(date(2026, 6, 30), "quarter").code == "2026-Q2"
