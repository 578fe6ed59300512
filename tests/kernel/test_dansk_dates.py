"""One Danish date format family: what a person reads on every page, in Copenhagen time."""

from datetime import UTC, date, datetime

from django.template import Context, Template


def render(source: str, **context: object) -> str:
    return Template("{% load dansk %}" + source).render(Context(context))


def test_a_moment_is_shown_in_copenhagen_time_with_kl() -> None:
    moment = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)  # 13.00 in Copenhagen (winter time)

    assert render("{{ m|dato }}", m=moment) == "27.11.2026"
    assert render("{{ m|dato_tid }}", m=moment) == "27.11.2026 kl. 13.00"
    assert render("{{ m|ugedag_dato }}", m=moment) == "fredag 27.11.2026"
    assert render("{{ m|ugedag_dato_tid }}", m=moment) == "fredag 27.11.2026 kl. 13.00"


def test_summer_time_and_the_day_change_at_midnight_follow_copenhagen() -> None:
    late_evening_utc = datetime(2026, 6, 30, 22, 30, tzinfo=UTC)  # 00.30 on 1 July in Copenhagen

    assert render("{{ m|ugedag_dato_tid }}", m=late_evening_utc) == "onsdag 01.07.2026 kl. 00.30"


def test_a_plain_date_has_no_time_and_empty_values_fall_back_to_default() -> None:
    assert render("{{ d|dato_tid }}", d=date(2026, 12, 24)) == "24.12.2026"
    assert render("{{ d|ugedag_dato }}", d=date(2026, 12, 27)) == "søndag 27.12.2026"
    assert render('{{ d|dato|default:"–" }}', d=None) == "–"
