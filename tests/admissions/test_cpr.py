"""CPR numbers: validation (ordinary and replacement CPR), masking in logs and in the audit trail."""

import logging
from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from sundhedsaftale.access.logmask import MaskCprFilter, mask_cpr
from sundhedsaftale.citizens.cpr import cpr_format, cpr_mask, cpr_validate, is_replacement_cpr
from tests.factories import CitizenFactory

# Before the tests' "today" (1 June 2026): a birth date later in 2026 lies in the future.
TODAY = datetime(2026, 6, 1, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("0101901234", "0101901234", id="ten-digits"),
        pytest.param("010190-1234", "0101901234", id="with-dash"),
        pytest.param(" 010190 - 1234 ", "0101901234", id="spaces-around"),
        pytest.param("2902964123", "2902964123", id="leap-day-1996"),
        pytest.param("0512054321", "0512054321", id="born-2005-century-digit-4"),
        pytest.param("0101901AB2", "0101901AB2", id="replacement-cpr"),
        pytest.param("010190-1ab2", "0101901AB2", id="replacement-cpr-lower-case-with-dash"),
    ],
)
def test_a_valid_cpr_is_accepted_and_returned_compact(value: str, expected: str) -> None:
    # when
    with time_machine.travel(TODAY, tick=False):
        compact = cpr_validate(value)
    # then
    assert compact == expected


@pytest.mark.parametrize(
    ("value", "code"),
    [
        pytest.param("310290-1234", "cpr_date", id="31-february"),
        pytest.param("2902971234", "cpr_date", id="29-february-not-leap-year"),
        pytest.param("0113901234", "cpr_date", id="month-13"),
        pytest.param("0001901234", "cpr_date", id="day-zero"),
        pytest.param("3113901AB2", "cpr_date", id="replacement-cpr-month-13"),
        pytest.param("0107264123", "cpr_date", id="born-later-this-year"),
        pytest.param("0107261AB2", "cpr_date", id="replacement-cpr-born-later-this-year"),
        pytest.param("01019012", "cpr_length", id="eight-digits"),
        pytest.param("010190-12345", "cpr_length", id="eleven-digits"),
        pytest.param("", "cpr_length", id="empty"),
        pytest.param("01019A1234", "cpr_format", id="letter-in-birth-date"),
        pytest.param("0101901A34", "cpr_format", id="one-letter-in-sequence"),
        pytest.param("010190ABCD", "cpr_format", id="four-letters"),
    ],
)
def test_an_invalid_cpr_is_refused_with_the_reason(value: str, code: str) -> None:
    # when
    with time_machine.travel(TODAY, tick=False), pytest.raises(ValidationError) as raised:
        cpr_validate(value)
    # then the reason is told, in Danish
    assert raised.value.code == code
    assert "CPR" in raised.value.messages[0]


def test_a_future_birth_date_is_refused_in_danish() -> None:
    with time_machine.travel(TODAY, tick=False), pytest.raises(ValidationError) as raised:
        cpr_validate("0101364123")  # century digit 4 with year 36: born 2036
    assert raised.value.code == "cpr_date"


@pytest.mark.parametrize(
    ("value", "replacement"),
    [
        pytest.param("0101901AB2", True, id="replacement"),
        pytest.param("0101901234", False, id="ordinary"),
        pytest.param("0101901A2B", False, id="letters-in-wrong-place"),
    ],
)
def test_replacement_cpr_is_recognised(value: str, replacement: bool) -> None:
    assert is_replacement_cpr(value) is replacement


@pytest.mark.parametrize(
    ("value", "formatted", "masked"),
    [
        pytest.param("0101901234", "010190-1234", "010190-xxxx", id="ordinary"),
        pytest.param("010190-1AB2", "010190-1AB2", "010190-xxxx", id="replacement"),
        pytest.param("0101", "0101", "xxxxxx-xxxx", id="too-short-to-show-anything"),
    ],
)
def test_cpr_is_formatted_and_masked(value: str, formatted: str, masked: str) -> None:
    assert cpr_format(value) == formatted
    assert cpr_mask(value) == masked


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("GET /borgere/?q=0101901234", "GET /borgere/?q=010190-xxxx", id="compact-in-url"),
        pytest.param("borger 010190-1234 indlagt", "borger 010190-xxxx indlagt", id="with-dash"),
        pytest.param("erstatning 0101901AB2.", "erstatning 010190-xxxx.", id="replacement-cpr"),
        pytest.param("telefon 8940 2222, kode 751", "telefon 8940 2222, kode 751", id="no-cpr-untouched"),
    ],
)
def test_cpr_numbers_are_masked_in_log_text(text: str, expected: str) -> None:
    assert mask_cpr(text) == expected


def test_the_log_filter_masks_a_cpr_passed_as_argument() -> None:
    # given a log call that formats the CPR into the message
    record = logging.LogRecord(
        "sundhedsaftale", logging.INFO, __file__, 1, "opslag på %s", ("0101901234",), None
    )
    # when the configured filter sees it
    MaskCprFilter().filter(record)
    # then the written message is masked
    assert record.getMessage() == "opslag på 010190-xxxx"


def test_the_console_log_handler_masks_cpr_numbers() -> None:
    from django.conf import settings

    config: dict[str, Any] = settings.LOGGING
    assert "mask_cpr" in config["handlers"]["console"]["filters"]


def _audit_text(entry: LogEntry) -> str:
    return " ".join(
        str(part)
        for part in (
            entry.object_repr,
            entry.changes,
            entry.changes_text,
            entry.serialized_data,
            entry.additional_data,
        )
    )


@pytest.mark.django_db
def test_the_audit_log_of_a_new_citizen_does_not_reveal_the_cpr() -> None:
    # given a new citizen
    citizen = CitizenFactory.create(cpr="0101901234")
    # when its creation is audited
    entries = LogEntry.objects.get_for_object(citizen)
    # then the entry exists, but neither the full CPR nor its sequence part is in it
    assert entries.count() == 1
    text = _audit_text(entries.get())
    assert "0101901234" not in text
    assert "010190-1234" not in text
    assert "1234" not in text, f"the audit entry shows the CPR's sequence part: {text}"


@pytest.mark.django_db
def test_a_changed_cpr_is_masked_before_and_after_in_the_audit_log() -> None:
    # given a citizen registered with a replacement CPR
    citizen = CitizenFactory.create(cpr="0101901AB2")
    # when the real CPR becomes known
    citizen.cpr = "0101904321"
    citizen.save()
    # then the update is audited without either number
    update = LogEntry.objects.get_for_object(citizen).get(action=LogEntry.Action.UPDATE)
    text = _audit_text(update)
    assert "cpr" in update.changes_dict
    for secret in ("0101901AB2", "1AB2", "0101904321", "4321"):
        assert secret not in text
