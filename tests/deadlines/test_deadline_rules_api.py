"""The public catalogue API and the preview: every rule code with a worked example checked by hand.

Calendars used: 2025 Easter 17-21 April, Ascension 29 May, Christmas 24-26 December (24th closed),
31 December closed; DST starts 30 March 2025 and ends 26 October 2025.
"""

from typing import Any

import pytest
from rest_framework.test import APIClient

from sundhedsaftale.deadlines.models import CalendarConventions
from sundhedsaftale.rules import CATALOGUE
from tests.factories import organisation_get

pytestmark = pytest.mark.django_db

# (rule set, code, anchor, expected body without "rule"), each worked out by hand.
WORKED = [
    pytest.param(
        "2008",
        "discharge.same_day",
        "2025-03-30",
        {
            "anchor": "2025-03-30",
            "due_date": "2025-03-30",
            "due_at": "2025-03-30T13:00:00+02:00",
            "warn_at": "2025-03-30T12:00:00+02:00",
        },
        id="same-day-13-on-the-spring-dst-day",
    ),
    pytest.param(
        "2008",
        "discharge.same_day",
        "2025-10-26",
        {
            "anchor": "2025-10-26",
            "due_date": "2025-10-26",
            "due_at": "2025-10-26T13:00:00+01:00",
            "warn_at": "2025-10-26T12:00:00+01:00",
        },
        id="same-day-13-on-the-autumn-dst-day",
    ),
    pytest.param(
        # Tue 22 Apr: skip 21 (2. påskedag), weekend, 18 (Langfredag), 17 (Skærtorsdag): 16, 15, 14.
        "2008",
        "discharge.home_care",
        "2025-04-22",
        {
            "anchor": "2025-04-22",
            "due_date": "2025-04-14",
            "due_at": "2025-04-14T23:59:59+02:00",
            "warn_at": "2025-04-11T08:00:00+02:00",
        },
        id="home-care-3-working-days-over-easter",
    ),
    pytest.param(
        # Mon 29 Dec: skip weekend, 26, 25, 24 (closed): 23, 22, 19, 18, 17.
        "2008",
        "discharge.special_aids",
        "2025-12-29",
        {
            "anchor": "2025-12-29",
            "due_date": "2025-12-17",
            "due_at": "2025-12-17T23:59:59+01:00",
            "warn_at": "2025-12-16T08:00:00+01:00",
        },
        id="special-aids-5-working-days-over-christmas",
    ),
    pytest.param(
        # Fri 2 May - 14 days = Langfredag 18 Apr: "14 dage" (l. 1543), calendar days, not moved off the holiday.
        "2008",
        "discharge.housing",
        "2025-05-02",
        {
            "anchor": "2025-05-02",
            "due_date": "2025-04-18",
            "due_at": "2025-04-18T23:59:59+02:00",
            "warn_at": "2025-04-16T08:00:00+02:00",
        },
        id="housing-14-days-lands-on-good-friday",
    ),
    pytest.param(
        # 10:00 CEST = 08:00 UTC; + 24 h = 08:00 UTC on 26 Oct = 09:00 CET (elapsed time over DST end).
        "2008",
        "admission.info_reply",
        "2025-10-25T10:00:00+02:00",
        {
            "anchor": "2025-10-25T10:00:00+02:00",
            "due_date": "2025-10-26",
            "due_at": "2025-10-26T09:00:00+01:00",
            "warn_at": "2025-10-26T05:00:00+01:00",
        },
        id="info-reply-24-hours-over-autumn-dst",
    ),
    pytest.param(
        "2008",
        "admission.info_reply",
        "2025-03-29T10:00:00Z",
        {
            "anchor": "2025-03-29T11:00:00+01:00",
            "due_date": "2025-03-30",
            "due_at": "2025-03-30T12:00:00+02:00",
            "warn_at": "2025-03-30T08:00:00+02:00",
        },
        id="info-reply-utc-anchor-over-spring-dst",
    ),
    pytest.param(
        "2008",
        "admission.info_reply",
        "2025-03-29T10:00:00",
        {
            "anchor": "2025-03-29T10:00:00+01:00",
            "due_date": "2025-03-30",
            "due_at": "2025-03-30T11:00:00+02:00",
            "warn_at": "2025-03-30T07:00:00+02:00",
        },
        id="info-reply-naive-anchor-is-local",
    ),
    pytest.param(
        "2008",
        "rehab.plan_by_discharge",
        "2025-12-24",
        {
            "anchor": "2025-12-24",
            "due_date": "2025-12-24",
            "due_at": "2025-12-24T23:59:59+01:00",
            "warn_at": "2025-12-23T08:00:00+01:00",
        },
        id="rehab-plan-at-discharge-on-christmas-eve",
    ),
    pytest.param(
        # 23:30 UTC on 23 Dec is 00:30 on 24 Dec in Copenhagen: the discharge moment itself is due.
        "2008",
        "rehab.plan_by_discharge",
        "2025-12-23T23:30:00Z",
        {
            "anchor": "2025-12-24T00:30:00+01:00",
            "due_date": "2025-12-24",
            "due_at": "2025-12-24T00:30:00+01:00",
            "warn_at": "2025-12-23T08:00:00+01:00",
        },
        id="rehab-plan-utc-date-time-converted-first",
    ),
    pytest.param(
        # Wed 28 May: 29 (Kristi himmelfart) is closed: Fri 30 (1), Mon 2 June (2), Tue 3 June (3).
        "2008",
        "rehab.first_contact",
        "2025-05-28",
        {
            "anchor": "2025-05-28",
            "due_date": "2025-06-03",
            "due_at": "2025-06-03T23:59:59+02:00",
            "warn_at": "2025-06-02T08:00:00+02:00",
        },
        id="first-contact-3-working-days-over-ascension",
    ),
    pytest.param(
        # 25 Jun 2026 - 6 months = 25 Dec 2025 (Juledag) -> 24 closed -> Tue 23 Dec. Warning: 23 Nov
        # (a Sunday) -> Fri 21 Nov.
        "2008",
        "rehab.capacity_notice",
        "2026-06-25",
        {
            "anchor": "2026-06-25",
            "due_date": "2025-12-23",
            "due_at": "2025-12-23T23:59:59+01:00",
            "warn_at": "2025-11-21T08:00:00+01:00",
        },
        id="capacity-6-months-lands-on-christmas",
    ),
    pytest.param(
        # Admitted Skærtorsdag evening: the first working day after is Tue 22 Apr; warn that morning.
        "2008",
        "psychiatry.municipality_informed",
        "2025-04-17T22:00:00+02:00",
        {
            "anchor": "2025-04-17T22:00:00+02:00",
            "due_date": "2025-04-22",
            "due_at": "2025-04-22T23:59:59+02:00",
            "warn_at": "2025-04-22T08:00:00+02:00",
        },
        id="municipality-informed-first-working-day-after-easter",
    ),
    pytest.param(
        # 18 Dec + 7 = Juledag: psykiatriloven's week is not moved; warning the working day before: Tue 23 Dec.
        "2008",
        "psychiatry.treatment_plan",
        "2025-12-18",
        {
            "anchor": "2025-12-18",
            "due_date": "2025-12-25",
            "due_at": "2025-12-25T23:59:59+01:00",
            "warn_at": "2025-12-23T08:00:00+01:00",
        },
        id="treatment-plan-7-days-on-christmas-not-moved",
    ),
    pytest.param(
        # The GP is informed "tilsvarende": the same first working day after the admission.
        "2008",
        "psychiatry.gp_informed",
        "2025-04-17T22:00:00+02:00",
        {
            "anchor": "2025-04-17T22:00:00+02:00",
            "due_date": "2025-04-22",
            "due_at": "2025-04-22T23:59:59+02:00",
            "warn_at": "2025-04-22T08:00:00+02:00",
        },
        id="gp-informed-first-working-day-after-easter",
    ),
    pytest.param(
        # 28 Feb 2025 + 12 months = Sat 28 Feb 2026 -> Mon 2 Mar; warning a month before, Mon 2 Feb.
        "2008",
        "psychiatry.action_plan_follow_up",
        "2025-02-28",
        {
            "anchor": "2025-02-28",
            "due_date": "2026-03-02",
            "due_at": "2026-03-02T23:59:59+01:00",
            "warn_at": "2026-02-02T08:00:00+01:00",
        },
        id="action-plan-yearly-follow-up-moves-off-saturday",
    ),
    pytest.param(
        # 23 Mar + 7 = Sun 30 Mar (DST starts) -> Mon 31 Mar in summer time; warning Fri 28 Mar in winter time.
        "2008",
        "psychiatry.gp_letter",
        "2025-03-23",
        {
            "anchor": "2025-03-23",
            "due_date": "2025-03-31",
            "due_at": "2025-03-31T23:59:59+02:00",
            "warn_at": "2025-03-28T08:00:00+01:00",
        },
        id="gp-letter-7-days-over-spring-dst",
    ),
    pytest.param(
        # 14 Jan 2026 - 14 days = 31 Dec (closed) -> Tue 30 Dec.
        "2008",
        "child_psychiatry.end_notice",
        "2026-01-14",
        {
            "anchor": "2026-01-14",
            "due_date": "2025-12-30",
            "due_at": "2025-12-30T23:59:59+01:00",
            "warn_at": "2025-12-29T08:00:00+01:00",
        },
        id="end-notice-14-days-lands-on-new-years-eve",
    ),
    pytest.param(
        # 30 Nov + 3 months = 28 Feb 2026 (clipped; a Saturday) -> Mon 2 Mar; warning Mon 2 Feb.
        "2008",
        "child_psychiatry.waitlist_contact",
        "2025-11-30",
        {
            "anchor": "2025-11-30",
            "due_date": "2026-03-02",
            "due_at": "2026-03-02T23:59:59+01:00",
            "warn_at": "2026-02-02T08:00:00+01:00",
        },
        id="waitlist-3-months-clipped-to-february",
    ),
    pytest.param(
        # 2021: "faste tidsfrister fjernes": the 2008 notice rule is guidance only (anbefalet forberedelsestid),
        # computed as in 2008 (Mon 14 Apr, over Easter) and marked so.
        "2021",
        "discharge.home_care",
        "2025-04-22",
        {
            "anchor": "2025-04-22",
            "due_date": "2025-04-14",
            "due_at": "2025-04-14T23:59:59+02:00",
            "warn_at": "2025-04-11T08:00:00+02:00",
            "guidance": True,
        },
        id="2021-notice-rule-is-guidance-only",
    ),
    pytest.param(
        # 2021: what is judged is the agreed discharge time itself (warning the working day before, over Easter).
        "2021",
        "discharge.agreed_time",
        "2025-04-22",
        {
            "anchor": "2025-04-22",
            "due_date": "2025-04-22",
            "due_at": "2025-04-22T23:59:59+02:00",
            "warn_at": "2025-04-16T08:00:00+02:00",
        },
        id="2021-agreed-discharge-time",
    ),
]


@pytest.mark.parametrize(("rule_set", "code", "anchor", "expected"), WORKED)
def test_preview_worked_example(rule_set: str, code: str, anchor: str, expected: dict[str, str]) -> None:
    client = APIClient()  # anonymous: the catalogue is public

    response = client.get(f"/api/v1/deadline-rules/{code}/preview/", {"anchor": anchor, "rule_set": rule_set})

    assert response.status_code == 200, response.content
    assert response.json() == {"rule": code, "guidance": False, **expected}


def test_every_2008_rule_has_a_worked_example() -> None:
    covered = {param.values[1] for param in WORKED if param.values[0] == "2008"}
    assert covered == set(CATALOGUE[0].rules)


def test_preview_defaults_to_the_2008_agreement() -> None:
    response = APIClient().get("/api/v1/deadline-rules/discharge.home_care/preview/?anchor=2025-04-22")

    assert response.json()["due_date"] == "2025-04-14"


def test_preview_follows_the_regions_calendar_conventions() -> None:
    url = "/api/v1/deadline-rules/discharge.home_care/preview/?anchor=2025-12-29"
    assert APIClient().get(url).json()["due_date"] == "2025-12-19"

    CalendarConventions.objects.create(region=organisation_get("1082"), christmas_eve_closed=False)

    assert APIClient().get(url).json()["due_date"] == "2025-12-22"


def test_preview_reads_a_plus_offset_sent_unencoded() -> None:
    # "+02:00" unencoded in a query string arrives as " 02:00".
    response = APIClient().get(
        "/api/v1/deadline-rules/admission.info_reply/preview/?anchor=2025-10-25T10:00:00+02:00"
    )

    assert response.json()["due_at"] == "2025-10-26T09:00:00+01:00"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        pytest.param("", "anchor", id="missing-anchor"),
        pytest.param("?anchor=", "anchor", id="empty-anchor"),
        pytest.param("?anchor=i%20morgen", "anchor", id="words"),
        pytest.param("?anchor=2025-02-30", "anchor", id="no-such-day"),
        pytest.param("?anchor=2025-04-22&rule_set=1999", "rule_set", id="unknown-rule-set"),
    ],
)
def test_preview_bad_request_names_the_parameter(query: str, field: str) -> None:
    response = APIClient().get(f"/api/v1/deadline-rules/discharge.home_care/preview/{query}")

    assert response.status_code == 400
    body: dict[str, Any] = response.json()
    assert body["detail"].startswith(f"{field}: ")
    assert list(body["errors"]) == [field]


def test_preview_of_an_unknown_rule_is_a_json_404() -> None:
    response = APIClient().get("/api/v1/deadline-rules/discharge.never/preview/?anchor=2025-04-22")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "discharge.never" in response.json()["detail"]


def test_the_catalogue_is_public_and_lists_every_rule_set() -> None:
    response = APIClient().get("/api/v1/deadline-rules/")

    assert response.status_code == 200
    rows = response.json()
    assert {(row["rule_set"], row["code"]) for row in rows} == {
        (candidate.code, code) for candidate in CATALOGUE for code in candidate.rules
    }
    home_care = next(r for r in rows if r["rule_set"] == "2008" and r["code"] == "discharge.home_care")
    assert home_care["kind"] == "working_days"
    assert home_care["amount"] == -3
    assert home_care["actor"] == "hospital"
    assert home_care["source_text"] == "Varsling senest 3 hverdage før udskrivning."
    assert home_care["source_file"].startswith("001_")


def test_the_catalogue_filters_by_rule_set() -> None:
    rows = APIClient().get("/api/v1/deadline-rules/?rule_set=2021").json()

    assert {row["rule_set"] for row in rows} == {"2021"}
    assert APIClient().get("/api/v1/deadline-rules/?rule_set=1999").status_code == 400


def test_the_openapi_schema_documents_the_preview_with_examples() -> None:
    response = APIClient().get("/api/schema/", HTTP_ACCEPT="application/json")

    schema = response.json()
    preview = schema["paths"]["/api/v1/deadline-rules/{code}/preview/"]["get"]
    assert {"200", "400", "404"} <= set(preview["responses"])
    assert "examples" in preview["responses"]["200"]["content"]["application/json"]
    assert "/api/v1/alerts/{id}/acknowledge/" in schema["paths"]
