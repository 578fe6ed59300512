"""Every HospitalNotification example of MedCom, sent in its order per stay, ends where its name says."""

from collections.abc import Callable
from typing import Any

import pytest

from admissions.models import Course
from medcom.models import InboundMessage
from sundhedsaftale.citizens.models import Citizen
from sundhedsaftale.organisations.models import Organisation
from tests.medcom.conftest import example

ELMER = "2509479989"

# name → (the examples sent in order, the outcome of the last one, the course's state after it)
FLOWS = {
    "A": (["STIN_A"], "applied", Course.State.ADMITTED),
    "B": (["STIN_B1", "STIN_B2"], "applied", Course.State.ADMITTED),
    "C": (["STIN_C1", "STIN_C2"], "applied", Course.State.ADMITTED),
    "D": (["STAA_D"], "applied", Course.State.ADMITTED),
    "E": (["STAA_E", "STIN_E"], "applied", Course.State.ADMITTED),
    "F": (["STIN_F", "STOR_F"], "applied", Course.State.ON_LEAVE),
    "G": (["STIN_G", "STOR_G", "SLOR_G"], "applied", Course.State.ADMITTED),
    "H": (["STIN_H", "SLHJ_H"], "applied", Course.State.DISCHARGED),
    "I": (["STIN_I", "STOR_I", "SLHJ_I"], "applied", Course.State.DISCHARGED),
    "J": (["MORS_J"], "applied", Course.State.DECEASED),
    "K": (["STIN_K", "MORS_K"], "applied", Course.State.DECEASED),
    "L": (["STIN_L", "STOR_L", "MORS_L"], "applied", Course.State.DECEASED),
    "M": (["STIN_M"], "applied", Course.State.ADMITTED),
    "N": (["STIN_N", "AN_STIN_N"], "applied", Course.State.CANCELLED),
    "O": (["STIN_O", "RE_STIN_O"], "applied", Course.State.ADMITTED),
    "P": (["STIN_P", "RE_STIN-P", "AN_STIN_P"], "applied", Course.State.CANCELLED),
    "TEK_STIN_A": (["TEK_STIN_A"], "applied", Course.State.ADMITTED),
    "TEK_ID_LOCAL": (["TEK_ID_LOCAL"], "applied", Course.State.ADMITTED),
    "TEK_ID_LPR3": (["TEK_ID_LPR3"], "applied", Course.State.ADMITTED),
    "TEK_ID_2": (["TEK_ID_2"], "applied", Course.State.ADMITTED),
    "TEK_STAA_A-SLHJ_A": (["TEK_STAA_A", "TEK_STIN_B", "TEK_SLHJ_A"], "applied", Course.State.DISCHARGED),
    # the STIN sent after the discharge does not reopen the stay
    "TEK_STIN_B late": (["TEK_STAA_A", "TEK_SLHJ_A", "TEK_STIN_B"], "stale", Course.State.DISCHARGED),
}


@pytest.mark.parametrize("flow", FLOWS, ids=str)
def test_each_example_flow_ends_where_its_name_says(flow: str, post: Callable[..., Any]) -> None:
    # given the examples of one stay
    names, outcome, state = FLOWS[flow]
    # when the hospital sends them in order
    responses = [post(example(name)) for name in names]
    # then each is accepted, the last with the expected outcome, and the course is in the expected state
    assert [r.status_code for r in responses] == [200] * len(names), [r.json() for r in responses]
    assert responses[-1]["X-Message-Outcome"] == outcome
    course = Course.objects.get(citizen__cpr=ELMER)
    assert course.state == state
    assert InboundMessage.objects.filter(duplicate_of__isnull=True).count() == len(names)


def test_a_correction_of_time_moves_the_admission(post: Callable[..., Any]) -> None:
    post(example("STIN_O"))
    post(example("RE_STIN_O"))
    course = Course.objects.get(citizen__cpr=ELMER)
    assert course.admitted_at.isoformat() == "2023-03-01T07:00:00+00:00"


def test_a_correction_of_department_moves_the_stay(post: Callable[..., Any]) -> None:
    post(example("STIN_P"))
    post(example("RE_STIN-P"))
    course = Course.objects.select_related("department").get(citizen__cpr=ELMER)
    assert course.department.sor_code == "399841000016000"
    assert course.department.parent_id == course.hospital_id


def test_admission_elsewhere_moves_the_course_to_the_other_hospital(post: Callable[..., Any]) -> None:
    post(example("STIN_B1"))
    post(example("STIN_B2"))
    course = Course.objects.select_related("department").get(citizen__cpr=ELMER)
    assert course.department.sor_code == "502701000016000"
    assert course.stays.count() == 2


def test_an_unknown_sender_is_registered_as_an_external_hospital(post: Callable[..., Any]) -> None:
    post(example("STIN_A"))
    department = Organisation.objects.get(sor_code="265161000016000")
    assert department.is_external and department.kind == "department"
    assert department.parent is not None and department.parent.is_external
    assert department.name == "Hjerteafdelingen på Herlev og Gentofte hospital"


def test_a_citizen_without_a_case_is_created_in_the_receivers_municipality(post: Callable[..., Any]) -> None:
    # TEK_LOV: a citizen the product does not know
    response = post(example("TEK_LOV"))
    assert response.status_code == 200
    citizen = Citizen.objects.get(cpr="2103009996")
    assert citizen.municipality.code == "751"
    assert "ukendt" in response.json()["issue"][0]["details"]["text"]


def test_a_duplicate_answers_the_first_outcome_and_changes_nothing(post: Callable[..., Any]) -> None:
    first = post(example("STIN_A"))
    course = Course.objects.get(citizen__cpr=ELMER)
    # TEK_DUB repeats STIN_A's message id (another episode id: it must not be admitted again)
    again = post(example("TEK_DUB"))
    assert again.status_code == 200
    assert again["X-Message-Outcome"] == "duplicate"
    assert again.json()["issue"][0]["details"]["text"] == first.json()["issue"][0]["details"]["text"]
    assert list(Course.objects.filter(citizen__cpr=ELMER)) == [course]
    assert InboundMessage.objects.filter(outcome="duplicate", duplicate_of__isnull=False).count() == 1


def test_a_message_with_errors_is_refused_with_an_operation_outcome_and_stores_nothing(
    post: Callable[..., Any],
) -> None:
    response = post(example("TEK_FCC"))
    assert response.status_code == 400
    body = response.json()
    assert body["resourceType"] == "OperationOutcome"
    assert {issue["severity"] for issue in body["issue"]} == {"error"}
    assert any("class" in " ".join(issue.get("expression", [])) for issue in body["issue"])
    assert not Citizen.objects.filter(cpr=ELMER).exists()
    assert not Organisation.objects.filter(sor_code="265161000016000").exists()
    assert InboundMessage.objects.get().outcome == "rejected"


def test_a_discharge_delivered_before_its_admission_is_applied_when_the_admission_arrives(
    post: Callable[..., Any],
) -> None:
    # given the discharge of a stay, delivered before its admission: there is no course to attach it to yet
    early = post(example("SLHJ_H"))
    assert early["X-Message-Outcome"] == "no_case"
    # when the admission arrives
    post(example("STIN_H"))
    # then the stay is admitted and discharged, and both messages are applied
    assert Course.objects.get(citizen__cpr=ELMER).state == Course.State.DISCHARGED
    assert set(InboundMessage.objects.values_list("outcome", flat=True)) == {"applied"}
