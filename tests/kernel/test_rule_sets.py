"""The rule sets (sundhedsaftale.rulesets): what the 2021 agreement changes, which set is in force on a day for
a cluster's adoptions, and the list of every rule. No database."""

from __future__ import annotations

from datetime import date

import pytest

from sundhedsaftale.rules import OffsetKind, all_rules, rule_set, rule_set_in_force


def test_2021_drops_the_fixed_notice_deadlines_keeps_them_as_guidance_and_carries_the_rest() -> None:
    """000: "Samarbejdsaftalen lægger op til, at faste tidsfrister fjernes, hvorved fokus flyttes fra et fast
    antal forberedelsesdage til funktionsevnen hos borgeren." No notice deadline is invented: the 2008 ones are
    guidance only, the agreed discharge time is what is judged."""
    old, new = rule_set("2008"), rule_set("2021")
    notice_codes = {
        "discharge.same_day",
        "discharge.home_care",
        "discharge.special_aids",
        "discharge.housing",
    }
    assert set(new.rules) == (set(old.rules) - notice_codes) | {"discharge.agreed_time"}
    assert set(new.guidance) == notice_codes and not old.guidance
    for code in notice_codes:
        assert new.guidance[code] is old.rules[code]
        assert new.rule_or_guidance(code) == (old.rules[code], True)
    agreed = new.rules["discharge.agreed_time"]
    assert agreed.kind is OffsetKind.AGREED_DATE and agreed.source_file == "000_0bfebc4ee134d4c5.txt"
    for code, rule in new.rules.items():
        if code != "discharge.agreed_time":
            assert rule == old.rules[code]


@pytest.mark.parametrize(
    ("on", "adopted", "expected"),
    [
        pytest.param(date(2021, 5, 31), None, "2008", id="day-before-2021"),
        pytest.param(date(2021, 6, 1), None, "2008", id="2021-only-where-adopted"),
        pytest.param(date(2021, 6, 1), {"2021": date(2021, 6, 1)}, "2021", id="2021-from-1-june-2021"),
        pytest.param(
            date(2026, 2, 1),
            {"2021": date(2021, 6, 1), "2008": date(2026, 1, 1)},
            "2008",
            id="cluster-back-on-2008",
        ),
        pytest.param(
            date(2025, 12, 31),
            {"2021": date(2021, 6, 1), "2008": date(2026, 1, 1)},
            "2021",
            id="before-going-back-to-2008",
        ),
        pytest.param(date(2015, 1, 1), None, "2008", id="2015"),
        pytest.param(date(2021, 8, 31), {"2021": date(2021, 9, 1)}, "2008", id="cluster-not-yet-adopted"),
        pytest.param(date(2021, 9, 1), {"2021": date(2021, 9, 1)}, "2021", id="cluster-adoption-day"),
        pytest.param(date(2021, 3, 1), {"2021": date(2021, 1, 1)}, "2008", id="adoption-before-effective"),
    ],
)
def test_rule_set_in_force(on: date, adopted: dict[str, date] | None, expected: str) -> None:
    assert rule_set_in_force(on, adopted).code == expected


def test_rule_set_lookup_errors() -> None:
    with pytest.raises(KeyError):
        rule_set("1999")
    with pytest.raises(KeyError):
        rule_set_in_force(date(2022, 1, 1), {"1999": date(2022, 1, 1)})
    with pytest.raises(LookupError):
        rule_set_in_force(date(2007, 12, 31))


def test_all_rules_lists_each_code_once_in_its_first_version() -> None:
    listed = all_rules()
    assert [rule.code for rule in listed] == [*rule_set("2008").rules, "discharge.agreed_time"]
    assert len(listed) == 16
    assert all(rule is rule_set("2008").rules.get(rule.code, rule) for rule in listed)
