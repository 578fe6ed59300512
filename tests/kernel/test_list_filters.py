"""The list pages' filters read dates and ids the way the forms do: a value they do not know is ignored."""

from datetime import date

import pytest

from sundhedsaftale.listfilters import date_param, id_param


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("27.11.2026", date(2026, 11, 27)),
        ("7-1-2026", date(2026, 1, 7)),
        ("2026-11-27", date(2026, 11, 27)),
        ("27112026", date(2026, 11, 27)),  # a phone's number pad, as in the forms
        ("٢٧.١١.٢٠٢٦", None),  # Arabic-Indic digits are refused, not read
        ("２７.１１.２０２６", None),  # full-width too
        ("31.02.2026", None),
        ("27.11.1850", None),
        ("i går", None),
        ("", None),
    ],
)
def test_a_filter_date_is_read_like_a_form_date(text: str, expected: date | None) -> None:
    assert date_param({"fra": text}, "fra") == expected


@pytest.mark.parametrize(("text", "expected"), [("12", 12), ("١٢", None), ("-3", None), ("9" * 12, None)])
def test_a_filter_id_is_ascii_digits_only(text: str, expected: int | None) -> None:
    assert id_param({"side": text}, "side") == expected
