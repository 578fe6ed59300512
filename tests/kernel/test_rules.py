"""The versioned deadline-rule catalogue (sundhedsaftale.rules), without a database.

Every expected date below was worked out by hand from a printed calendar (2025: Easter 17-21 April,
Ascension 29 May, Grundlovsdag 5 June, Whit Monday 9 June, Christmas 24-26 December).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sundhedsaftale.rules import (
    CATALOGUE,
    Actor,
    Anchor,
    OffsetKind,
    Rule,
    WarnKind,
    rule_set,
)
from sundhedsaftale.workdays import DANISH, TZ

AGREEMENTS = Path(__file__).resolve().parents[3] / "shared" / "agreements"
ALL_VERSIONS = [rule for candidate in CATALOGUE for rule in candidate.rules.values()]
DATE_KINDS = {OffsetKind.WORKING_DAYS, OffsetKind.CALENDAR_DAYS, OffsetKind.MONTHS}


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=TZ)


def end(year: int, month: int, day: int) -> datetime:
    return local(year, month, day, 23, 59, 59)


# (rule set, code, anchor, due_date, due_at, warn_at): each row checked by hand.
WORKED_EXAMPLES = [
    pytest.param(
        "2008", "discharge.same_day", date(2025, 3, 30),
        date(2025, 3, 30), local(2025, 3, 30, 13), local(2025, 3, 30, 12),
        id="same-day-spring-dst-stays-13",
    ),
    pytest.param(
        "2008", "discharge.same_day", date(2025, 10, 26),
        date(2025, 10, 26), local(2025, 10, 26, 13), local(2025, 10, 26, 12),
        id="same-day-autumn-dst-stays-13",
    ),
    pytest.param(
        # 22:30 UTC on 9 June is 00:30 on 10 June in Copenhagen
        "2008", "discharge.same_day", datetime(2025, 6, 9, 22, 30, tzinfo=UTC),
        date(2025, 6, 10), local(2025, 6, 10, 13), local(2025, 6, 10, 12),
        id="same-day-anchor-converted-to-local-date",
    ),
    pytest.param(
        "2008", "discharge.same_day", date(2025, 4, 19),
        date(2025, 4, 19), local(2025, 4, 19, 13), local(2025, 4, 19, 12),
        id="same-day-saturday-not-moved",
    ),
    pytest.param(
        # back from Tue 22 Apr: 21, 18, 17 closed, 20/19 weekend; 16, 15, 14 counted
        "2008", "discharge.home_care", date(2025, 4, 22),
        date(2025, 4, 14), end(2025, 4, 14), local(2025, 4, 11, 8),
        id="home-care-over-easter",
    ),
    pytest.param(
        # back from Mon 5 Jan 2026: 2 Jan, 30 Dec, 29 Dec counted; 1 Jan and 31 Dec closed
        "2008", "discharge.home_care", date(2026, 1, 5),
        date(2025, 12, 29), end(2025, 12, 29), local(2025, 12, 23, 8),
        id="home-care-over-new-year-warns-before-christmas",
    ),
    pytest.param(
        # back from Tue 10 Jun: 6, 4, 3, 2 Jun and 30 May; Whit Monday, Grundlovsdag skipped;
        # warning a working day earlier skips Ascension (29 May)
        "2008", "discharge.special_aids", date(2025, 6, 10),
        date(2025, 5, 30), end(2025, 5, 30), local(2025, 5, 28, 8),
        id="special-aids-over-whitsun-grundlovsdag",
    ),
    pytest.param(
        "2008", "discharge.housing", date(2025, 9, 15),
        date(2025, 9, 1), end(2025, 9, 1), local(2025, 8, 29, 8),
        id="housing-plain",
    ),
    pytest.param(
        # 5 May - 14 days = 21 Apr (2. påskedag): "14 dage" (001 l. 1543) are days, not working days, so the
        # day is not moved; the warning comes on the working day before it (Wed 16 Apr, past Easter)
        "2008", "discharge.housing", date(2025, 5, 5),
        date(2025, 4, 21), end(2025, 4, 21), local(2025, 4, 16, 8),
        id="housing-lands-on-easter-is-not-moved",
    ),
    pytest.param(
        "2008", "admission.info_reply", local(2025, 3, 29, 12),
        date(2025, 3, 30), local(2025, 3, 30, 13), local(2025, 3, 30, 9),
        id="info-reply-24-elapsed-hours-over-spring-dst",
    ),
    pytest.param(
        "2008", "admission.info_reply", local(2025, 10, 25, 12),
        date(2025, 10, 26), local(2025, 10, 26, 11), local(2025, 10, 26, 7),
        id="info-reply-24-elapsed-hours-over-autumn-dst",
    ),
    pytest.param(
        "2008", "admission.info_reply", local(2025, 12, 24, 10),
        date(2025, 12, 25), local(2025, 12, 25, 10), local(2025, 12, 25, 6),
        id="info-reply-not-moved-off-christmas",
    ),
    pytest.param(
        "2008", "admission.info_reply", date(2025, 4, 22),
        date(2025, 4, 23), local(2025, 4, 23), local(2025, 4, 22, 20),
        id="info-reply-date-anchor-is-midnight",
    ),
    pytest.param(
        "2008", "rehab.plan_by_discharge", date(2025, 4, 22),
        date(2025, 4, 22), end(2025, 4, 22), local(2025, 4, 16, 8),
        id="rehab-plan-date-anchor-end-of-day",
    ),
    pytest.param(
        "2008", "rehab.plan_by_discharge", local(2025, 4, 22, 10, 30),
        date(2025, 4, 22), local(2025, 4, 22, 10, 30), local(2025, 4, 16, 8),
        id="rehab-plan-datetime-anchor-is-the-moment",
    ),
    pytest.param(
        # after Wed 16 Apr: 22, 23, 24 Apr counted
        "2008", "rehab.first_contact", date(2025, 4, 16),
        date(2025, 4, 24), end(2025, 4, 24), local(2025, 4, 23, 8),
        id="first-contact-over-easter",
    ),
    pytest.param(
        # after Fri 19 Dec: 22, 23, 29 Dec counted
        "2008", "rehab.first_contact", date(2025, 12, 19),
        date(2025, 12, 29), end(2025, 12, 29), local(2025, 12, 23, 8),
        id="first-contact-over-christmas",
    ),
    pytest.param(
        # 1 Jan 2026 - 6 months = Tue 1 Jul 2025; warn 1 Jun (Sunday) -> Fri 30 May
        "2008", "rehab.capacity_notice", date(2026, 1, 1),
        date(2025, 7, 1), end(2025, 7, 1), local(2025, 5, 30, 8),
        id="capacity-notice-six-months",
    ),
    pytest.param(
        # 24 Jun 2026 - 6 months = 24 Dec 2025 (closed) -> 23 Dec; warn 23 Nov (Sunday) -> 21 Nov
        "2008", "rehab.capacity_notice", date(2026, 6, 24),
        date(2025, 12, 23), end(2025, 12, 23), local(2025, 11, 21, 8),
        id="capacity-notice-lands-on-christmas-eve",
    ),
    pytest.param(
        # 31 Mar 2026 - 6 months = 30 Sep 2025 (clipped); warn 30 Aug (Saturday) -> 29 Aug
        "2008", "rehab.capacity_notice", date(2026, 3, 31),
        date(2025, 9, 30), end(2025, 9, 30), local(2025, 8, 29, 8),
        id="capacity-notice-month-end",
    ),
    pytest.param(
        "2008", "psychiatry.municipality_informed", local(2025, 4, 11, 20),
        date(2025, 4, 14), end(2025, 4, 14), local(2025, 4, 14, 8),
        id="municipality-informed-friday-evening-admission",
    ),
    pytest.param(
        # 22:30 UTC on 15 Apr is 00:30 on Wed 16 Apr locally; next working day is Tue 22 Apr
        "2008", "psychiatry.municipality_informed", datetime(2025, 4, 15, 22, 30, tzinfo=UTC),
        date(2025, 4, 22), end(2025, 4, 22), local(2025, 4, 22, 8),
        id="municipality-informed-over-easter-local-date",
    ),
    pytest.param(
        # Thu 10 Apr + 7 = 17 Apr (Skærtorsdag): psykiatriloven's week is not moved (issue 13)
        "2008", "psychiatry.treatment_plan", date(2025, 4, 10),
        date(2025, 4, 17), end(2025, 4, 17), local(2025, 4, 16, 8),
        id="treatment-plan-lands-on-easter-is-not-moved",
    ),
    pytest.param(
        "2008", "psychiatry.treatment_plan", date(2025, 9, 3),
        date(2025, 9, 10), end(2025, 9, 10), local(2025, 9, 9, 8),
        id="treatment-plan-plain",
    ),
    pytest.param(
        # Wed 17 Dec + 7 = 24 Dec -> Mon 29 Dec
        "2008", "psychiatry.gp_letter", date(2025, 12, 17),
        date(2025, 12, 29), end(2025, 12, 29), local(2025, 12, 23, 8),
        id="gp-letter-lands-on-christmas-eve",
    ),
    pytest.param(
        # 24 Dec + 7 = 31 Dec -> Fri 2 Jan 2026
        "2008", "psychiatry.gp_letter", date(2025, 12, 24),
        date(2026, 1, 2), end(2026, 1, 2), local(2025, 12, 30, 8),
        id="gp-letter-lands-on-new-years-eve",
    ),
    pytest.param(
        # Thu 19 Jun - 14 = 5 Jun (Grundlovsdag) -> 4 Jun
        "2008", "child_psychiatry.end_notice", date(2025, 6, 19),
        date(2025, 6, 4), end(2025, 6, 4), local(2025, 6, 3, 8),
        id="end-notice-lands-on-grundlovsdag",
    ),
    pytest.param(
        "2008", "child_psychiatry.end_notice", date(2026, 1, 7),
        date(2025, 12, 23), end(2025, 12, 23), local(2025, 12, 22, 8),
        id="end-notice-lands-on-christmas-eve",
    ),
    pytest.param(
        # 17 Jan + 3 months = 17 Apr (Skærtorsdag) -> 22 Apr; warn 22 Mar (Saturday) -> 21 Mar
        "2008", "child_psychiatry.waitlist_contact", date(2025, 1, 17),
        date(2025, 4, 22), end(2025, 4, 22), local(2025, 3, 21, 8),
        id="waitlist-lands-on-easter",
    ),
    pytest.param(
        # 30 Nov + 3 months = 28 Feb 2026 (clipped, Saturday) -> Mon 2 Mar; warn Mon 2 Feb
        "2008", "child_psychiatry.waitlist_contact", date(2025, 11, 30),
        date(2026, 3, 2), end(2026, 3, 2), local(2026, 2, 2, 8),
        id="waitlist-clipped-to-february-weekend",
    ),
    pytest.param(
        # The GP "tilsvarende": the first working day after an admission on Skærtorsdag is Tue 22 Apr
        "2008", "psychiatry.gp_informed", date(2025, 4, 17),
        date(2025, 4, 22), end(2025, 4, 22), local(2025, 4, 22, 8),
        id="gp-informed-over-easter",
    ),
    pytest.param(
        # 28 Feb 2025 + 12 months = Sat 28 Feb 2026 -> Mon 2 Mar; warn a month before, Mon 2 Feb
        "2008", "psychiatry.action_plan_follow_up", date(2025, 2, 28),
        date(2026, 3, 2), end(2026, 3, 2), local(2026, 2, 2, 8),
        id="action-plan-follow-up-yearly",
    ),
    pytest.param(
        # 2021: the agreed discharge day, judged at the discharge; a Saturday is not moved (agreed case by case)
        "2021", "discharge.agreed_time", date(2025, 4, 19),
        date(2025, 4, 19), end(2025, 4, 19), local(2025, 4, 16, 8),
        id="2021-agreed-saturday-not-moved",
    ),
    pytest.param(
        "2021", "discharge.agreed_time", local(2025, 6, 10, 9),
        date(2025, 6, 10), end(2025, 6, 10), local(2025, 6, 6, 8),
        id="2021-agreed-datetime-uses-local-date",
    ),
    pytest.param(
        "2021", "psychiatry.gp_letter", date(2025, 12, 17),
        date(2025, 12, 29), end(2025, 12, 29), local(2025, 12, 23, 8),
        id="2021-carries-psychiatry-over",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("set_code", "code", "anchor", "due_date", "due_at", "warn_at"), WORKED_EXAMPLES)
def test_worked_examples(
    set_code: str, code: str, anchor: Anchor, due_date: date, due_at: datetime, warn_at: datetime
) -> None:
    # given the rule in its rule set / when computing from the anchor
    due = rule_set(set_code).rules[code].compute(anchor)
    # then date, moment and warning are the hand-checked ones, in local wall-clock time
    assert due.due_date == due_date
    assert due.due_at == due_at
    assert due.warn_at == warn_at
    assert to_wall_clock(due.due_at) == to_wall_clock(due_at)


def to_wall_clock(at: datetime) -> tuple[int, ...]:
    local_at = at.astimezone(TZ)
    return (local_at.year, local_at.month, local_at.day, local_at.hour, local_at.minute)


def test_every_rule_version_has_a_worked_example() -> None:
    covered = {(values[0], values[1]) for values in (p.values for p in WORKED_EXAMPLES)}
    carried = {
        (candidate.code, code)
        for candidate in CATALOGUE
        for code, rule in candidate.rules.items()
        if rule is not rule_set("2008").rules.get(code)
    }
    assert {("2008", code) for code in rule_set("2008").rules} | carried <= covered


@pytest.mark.parametrize("rule", ALL_VERSIONS, ids=lambda rule: f"{rule.source_file[:3]}-{rule.code}")
def test_source_text_is_quoted_verbatim(rule: Rule) -> None:
    # given the agreement file / then the quote occurs in it, up to line breaks of the PDF extraction
    path = AGREEMENTS / rule.source_file
    if not path.exists():
        pytest.skip(f"agreement texts not available at {AGREEMENTS}")
    flatten = " ".join
    assert flatten(rule.source_text.split()) in flatten(path.read_text(encoding="utf-8").split())
    assert rule.title and rule.title_en and rule.anchor and rule.anchor_en and rule.source_section
    assert rule.actor.label


def test_actor_labels_are_danish() -> None:
    assert Actor.HOSPITAL.label == "Hospital"
    assert Actor.MUNICIPALITY.label == "Kommune"
    assert all(actor.label for actor in Actor)


def test_naive_datetime_anchor_is_rejected() -> None:
    with pytest.raises(ValueError, match="naive"):
        rule_set("2008").rules["admission.info_reply"].compute(datetime(2025, 4, 22, 12, 0))


def test_warning_is_clamped_to_the_deadline() -> None:
    # given a rule warning at 08:00 on the due day / when the deadline itself is at 07:00
    rule = Rule(
        code="test.early", title="t", title_en="t", anchor="a", anchor_en="a",
        kind=OffsetKind.AT_ANCHOR, amount=0, actor=Actor.HOSPITAL, source_file="f",
        source_section="s", source_text="q", warn_kind=WarnKind.WORKING_DAYS_BEFORE, warn_amount=0,
    )  # fmt: skip
    due = rule.compute(local(2025, 4, 22, 7))
    # then the warning starts no later than the deadline
    assert due.warn_at == due.due_at == local(2025, 4, 22, 7)


def test_rule_validation() -> None:
    fields = dict(
        title="t", title_en="t", anchor="a", anchor_en="a", amount=0, actor=Actor.HOSPITAL,
        source_file="f", source_section="s", source_text="q",
    )  # fmt: skip
    with pytest.raises(ValueError, match="clock"):
        Rule(code="x", kind=OffsetKind.CLOCK_SAME_DAY, **fields)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="warn_clock"):
        Rule(code="x", kind=OffsetKind.AT_ANCHOR, warn_clock=None, **fields)  # type: ignore[arg-type]


ANCHORS = st.one_of(
    st.dates(min_value=date(2024, 1, 1), max_value=date(2035, 12, 31)),
    st.datetimes(
        min_value=datetime(2024, 1, 1),
        max_value=datetime(2035, 12, 31, 23, 59),
        timezones=st.sampled_from([UTC, TZ]),
        allow_imaginary=False,
    ),
)


@settings(max_examples=200, deadline=None)
@given(rule=st.sampled_from(ALL_VERSIONS), anchor=ANCHORS)
def test_property_every_deadline_is_consistent(rule: Rule, anchor: Anchor) -> None:
    due = rule.compute(anchor)
    anchor_day = anchor.astimezone(TZ).date() if isinstance(anchor, datetime) else anchor
    # the warning never comes after the deadline; everything is local time
    assert due.warn_at <= due.due_at
    assert due.due_at.tzinfo is TZ and due.warn_at.tzinfo is TZ
    assert due.due_at.date() == due.due_date
    if rule.kind in DATE_KINDS:
        # date rules never fall due on a closed day (unless the source fixes the day: ``moves``), and lie on
        # the side of the anchor they say
        assert DANISH.is_working_day(due.due_date) or not rule.moves
        assert due.due_at.time() == time(23, 59, 59)
        assert (due.due_date < anchor_day) if rule.amount < 0 else (due.due_date > anchor_day)
