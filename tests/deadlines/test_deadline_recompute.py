"""When the calendar changes — a region switches a convention, an organisation adds a closed day — the pending
deadlines computed by it move with it; a deadline already met or breached keeps the times it was judged by."""

from datetime import date

import pytest
from django.test import Client

from admissions.models import Course
from sundhedsaftale.deadlines.models import CalendarConventions, Deadline
from sundhedsaftale.deadlines.services import deadline_meet
from tests.factories import CourseFactory, organisation_get
from tests.factories.deadlines import home_care_deadline

pytestmark = pytest.mark.django_db

CHRISTMAS_DISCHARGE = date(2025, 12, 29)  # Monday after Christmas: the notice is due Friday 19 December


@pytest.fixture
def course() -> Course:
    return CourseFactory.create(at="AUH-ORT")


def _conventions_form(**switched_off: bool) -> dict[str, str]:
    """The admin's form for the region (1082) with every switch on except ``switched_off``."""
    switches = ["constitution_day_closed", "christmas_eve_closed", "new_years_eve_closed", "may_day_open"]
    form = {name: "on" for name in [*switches, "move_off_closed_days"] if name not in switched_off}
    return {"region": str(organisation_get("1082").pk), **form}


def test_a_region_opening_christmas_eve_moves_the_pending_notice_deadline(
    admin_client: Client, course: Course
) -> None:
    # given a pending home-care notice due Friday 19 December 2025 under the default calendar
    deadline = home_care_deadline(course=course, discharge_on=CHRISTMAS_DISCHARGE)
    assert deadline.due_date == date(2025, 12, 19)

    # when the regional secretariat opens 24 December in the admin
    response = admin_client.post(
        "/admin/deadlines/calendarconventions/add/",
        _conventions_form(christmas_eve_closed=False),
        follow=True,
    )

    # then the deadline is due Monday 22 December, and the secretariat is told that deadlines moved
    assert response.status_code == 200
    assert CalendarConventions.objects.get().christmas_eve_closed is False
    deadline.refresh_from_db()
    assert deadline.due_date == date(2025, 12, 22)
    assert "1 åbne frister er regnet om" in response.content.decode()


def test_a_met_deadline_keeps_the_time_it_was_judged_by(admin_client: Client, course: Course) -> None:
    # given the notice sent in time, under the default calendar
    deadline = home_care_deadline(course=course, discharge_on=CHRISTMAS_DISCHARGE)
    deadline_meet(subject=course, rule_code="discharge.home_care", at=deadline.due_at, event="Varsling sendt")

    # when the region opens 24 December
    admin_client.post(
        "/admin/deadlines/calendarconventions/add/", _conventions_form(christmas_eve_closed=False)
    )

    # then the met deadline still says 19 December
    deadline.refresh_from_db()
    assert deadline.state == Deadline.State.MET
    assert deadline.due_date == date(2025, 12, 19)


def test_a_closed_day_added_for_the_hospital_moves_its_departments_pending_deadlines(
    admin_client: Client, course: Course
) -> None:
    # given a pending notice due Friday 19 December 2025 at a department of AUH
    deadline = home_care_deadline(course=course, discharge_on=CHRISTMAS_DISCHARGE)
    hospital = organisation_get("AUH")

    # when the hospital is closed that Friday (added in the admin)
    admin_client.post(
        "/admin/deadlines/closedday/add/",
        {"organisation": str(hospital.pk), "day": "2025-12-19", "reason": "Flytning af afdelingen"},
    )

    # then the department's deadline no longer falls on the closed day
    deadline.refresh_from_db()
    assert deadline.due_date != date(2025, 12, 19)
    assert deadline.due_date < date(2025, 12, 19)  # counted back from the discharge: the working day before
