"""The discharge screens seen from the ward, the municipality and the GP."""

from datetime import date, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from admissions.models import Course
from discharge.models import DischargePlan, FinishedTreatment, MunicipalReply
from discharge.services import (
    discharge_letter_send,
    discharge_notice_send,
    discharge_notification_send,
    discharge_plan_save,
    municipal_reply_send,
    sudden_change_report,
)
from sundhedsaftale.access.models import AccessLog
from sundhedsaftale.deadlines.models import Deadline
from sundhedsaftale.workdays import local_date
from tests.factories.discharge import local

HTMX = {"HX-Request": "true"}


def as_user(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def soon(days: int) -> date:
    return local_date(timezone.now()) + timedelta(days=days)


def test_live_preview_shows_the_deadline_before_saving(
    course_admitted_16_november: Course, ward: Any
) -> None:
    response = as_user(ward).get(
        f"/forloeb/{course_admitted_16_november.pk}/udskrivning/plan/frist/",
        {"functional_ability": "reduced", "need": "home_care", "planned_date": "2026-12-29"},
        headers=HTMX,
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Varsl kommunen senest 22.12.2026 kl. 23.59" in html
    assert "<html" not in html  # only the fragment
    assert not DischargePlan.objects.exists()


def test_preview_asks_for_what_is_missing(course_admitted_16_november: Course, ward: Any) -> None:
    response = as_user(ward).get(
        f"/forloeb/{course_admitted_16_november.pk}/udskrivning/plan/frist/",
        {"need": "home_care"},
        headers=HTMX,
    )

    assert "Vælg behov og planlagt udskrivningsdato" in response.content.decode()


def test_without_javascript_beregn_frist_re_renders_the_form_with_the_deadline(
    course_admitted_16_november: Course, ward: Any
) -> None:
    response = as_user(ward).post(
        f"/forloeb/{course_admitted_16_november.pk}/udskrivning/plan/",
        {
            "functional_ability": "unchanged",
            "need": "simple_nursing",
            "planned_date": "2026-12-10",
            "action": "preview",
        },
    )

    assert response.status_code == 200
    assert "Varsl kommunen senest 10.12.2026 kl. 13.00" in response.content.decode()
    assert not DischargePlan.objects.exists()


def test_saving_the_plan_redirects_to_the_discharge_page(
    course_admitted_16_november: Course, ward: Any
) -> None:
    client = as_user(ward)
    response = client.post(
        f"/forloeb/{course_admitted_16_november.pk}/udskrivning/plan/",
        {
            "functional_ability": "reduced",
            "need": "home_care",
            "planned_date": "2026-12-29",
            "action": "save",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == f"/forloeb/{course_admitted_16_november.pk}/udskrivning/"
    page = client.get(response["Location"]).content.decode()
    assert "29.12.2026" in page and "22.12.2026 kl. 23.59" in page


def test_plan_form_errors_are_danish_and_nothing_is_saved(
    course_admitted_16_november: Course, ward: Any
) -> None:
    response = as_user(ward).post(
        f"/forloeb/{course_admitted_16_november.pk}/udskrivning/plan/",
        {
            "functional_ability": "reduced",
            "need": "home_care",
            "planned_date": "2026-11-01",
            "action": "save",
        },
    )

    assert response.status_code == 400
    assert "Udskrivningen kan ikke ligge før indlæggelsen (16.11.2026)." in response.content.decode()
    assert not DischargePlan.objects.exists() and not Deadline.objects.exists()


def test_a_finished_treatment_in_the_future_is_a_danish_form_error(
    course_admitted_16_november: Course, ward: Any
) -> None:
    response = as_user(ward).post(
        f"/forloeb/{course_admitted_16_november.pk}/udskrivning/faerdigbehandlet/",
        {"finished_on": "2027-03-01", "doctor_name": "Hansen"},
    )

    assert response.status_code == 400
    assert "kan ikke ligge i fremtiden" in response.content.decode()
    assert not FinishedTreatment.objects.exists()


@time_machine.travel(local(2026, 11, 20, 14), tick=False)  # a Friday afternoon: the 12:00 warning is past
def test_ward_board_shows_state_deadline_urgency_missing_items_and_replies(
    make_course: Any, ward: Any, visitator: Any
) -> None:
    late = make_course(admitted_at=timezone.now() - timedelta(days=5))
    discharge_plan_save(
        course=late,
        functional_ability="unchanged",
        need="simple_nursing",
        planned_date=soon(0),
        acting_user=ward,
    )
    Deadline.objects.update(due_at=timezone.now() - timedelta(minutes=1))  # the 13:00 deadline has passed
    answered = make_course(admitted_at=timezone.now() - timedelta(days=2))
    plan = discharge_plan_save(
        course=answered,
        functional_ability="reduced",
        need="home_care",
        planned_date=soon(20),
        acting_user=ward,
    )
    discharge_notification_send(plan=plan, acting_user=ward)
    municipal_reply_send(
        course=answered, answer="needs_time", reason="Plejebolig klar om en uge", acting_user=visitator
    )

    html = as_user(ward).get("/afdeling/tavle/").content.decode()

    assert late.citizen.name in html and answered.citizen.name in html
    assert 'data-urgency="breached"' in html
    assert "Indlæggelsesrapport" in html and "Samtykke" in html and "Udskrivningsadvis" in html
    assert "Har brug for mere tid" in html and "Plejebolig klar om en uge" in html
    assert set(AccessLog.objects.values_list("citizen_id", flat=True)) == {
        late.citizen_id,
        answered.citizen_id,
    }


def test_ward_board_leaves_out_other_departments_and_discharged_citizens(make_course: Any, ward: Any) -> None:
    elsewhere = make_course(admitted_at=timezone.now() - timedelta(days=1), at="AUH-GER")
    gone = make_course(admitted_at=timezone.now() - timedelta(days=3))
    discharge_notice_send(course=gone, discharged_at=timezone.now() - timedelta(hours=1), acting_user=ward)

    html = as_user(ward).get("/afdeling/tavle/").content.decode()

    assert elsewhere.citizen.name not in html and gone.citizen.name not in html
    assert "Ingen indlagte borgere" in html


def test_board_send_notification_with_htmx_refreshes_the_board(
    course_admitted_16_november: Course, ward: Any
) -> None:
    discharge_plan_save(
        course=course_admitted_16_november,
        functional_ability="reduced",
        need="home_care",
        planned_date=date(2026, 12, 29),
        acting_user=ward,
    )

    response = as_user(ward).post(
        f"/forloeb/{course_admitted_16_november.pk}/udskrivning/varsling/",
        {"next": "/afdeling/tavle/"},
        headers=HTMX,
    )

    assert response.status_code == 204
    assert response["HX-Trigger"] == "discharge-changed"
    assert Deadline.objects.get().state == "met"


def test_municipality_sees_expected_discharges_with_what_to_prepare(
    make_course: Any, ward: Any, visitator: Any, foreign_visitator: Any, give_consent: Any
) -> None:
    # the need is health information: the municipality sees it with the citizen's consent (l. 1406)
    course = give_consent(make_course(admitted_at=timezone.now() - timedelta(days=2)), ward)
    plan = discharge_plan_save(
        course=course,
        functional_ability="reduced",
        need="special_aids",
        planned_date=soon(3),
        acting_user=ward,
    )
    discharge_plan_save(
        course=course,
        functional_ability="reduced",
        need="special_aids",
        planned_date=soon(4),
        reason="Lift ikke leveret",
        acting_user=ward,
    )
    discharge_notification_send(plan=plan, acting_user=ward)

    html = as_user(visitator).get("/kommune/udskrivninger/").content.decode()
    fragment = as_user(visitator).get("/kommune/udskrivninger/?dage=14", headers=HTMX).content.decode()

    assert course.citizen.name in html
    assert "Særlige hjælpemidler leveret og klar i hjemmet før udskrivning." in html
    assert f"Udskrivningsdatoen er flyttet fra {soon(3):%d.%m.%Y} til {soon(4):%d.%m.%Y}" in html
    assert "Afventer jeres svar" in html
    assert course.citizen.name in fragment and "<html" not in fragment
    assert (
        course.citizen.name not in as_user(foreign_visitator).get("/kommune/udskrivninger/").content.decode()
    )


def test_municipal_reply_form_is_seen_by_the_ward_at_once(
    course_admitted_16_november: Course, ward: Any, visitator: Any
) -> None:
    discharge_notice_send(
        course=course_admitted_16_november, discharged_at=local(2026, 11, 20, 11), acting_user=ward
    )

    response = as_user(visitator).post(
        f"/forloeb/{course_admitted_16_november.pk}/udskrivning/svar/",
        {"answer": "needs_time", "reason": "Hjemmeplejen starter mandag"},
    )

    assert response.status_code == 302
    assert MunicipalReply.objects.get().answer == "needs_time"
    page = as_user(ward).get(f"/forloeb/{course_admitted_16_november.pk}/udskrivning/").content.decode()
    assert "Har brug for mere tid" in page and "Hjemmeplejen starter mandag" in page


def test_reply_without_reason_is_a_form_error(
    course_admitted_16_november: Course, ward: Any, visitator: Any
) -> None:
    discharge_notice_send(
        course=course_admitted_16_november, discharged_at=local(2026, 11, 20, 11), acting_user=ward
    )

    response = as_user(visitator).post(
        f"/forloeb/{course_admitted_16_november.pk}/udskrivning/svar/", {"answer": "needs_time"}, headers=HTMX
    )

    assert response.status_code == 200  # htmx swaps the form with its errors
    assert "Angiv en begrundelse" in response.content.decode()


def test_gp_sees_the_epikrise_and_not_the_municipal_forms(
    course_admitted_16_november: Course, ward: Any, gp: Any, foreign_gp: Any, give_consent: Any
) -> None:
    give_consent(course_admitted_16_november, ward)
    discharge_letter_send(
        course=course_admitted_16_november, summary="Indlagt med pneumoni.", acting_user=ward
    )

    assert "Indlagt med pneumoni." in as_user(gp).get("/praksis/epikriser/").content.decode()
    assert "Indlagt med pneumoni." not in as_user(foreign_gp).get("/praksis/epikriser/").content.decode()
    assert as_user(gp).get(f"/forloeb/{course_admitted_16_november.pk}/udskrivning/svar/").status_code == 403
    assert as_user(gp).get(f"/forloeb/{course_admitted_16_november.pk}/udskrivning/plan/").status_code == 403


def test_sudden_change_is_shown_to_the_ward_until_acknowledged(
    course_admitted_16_november: Course, ward: Any, visitator: Any
) -> None:
    change = sudden_change_report(
        course=course_admitted_16_november,
        kind="family",
        description="Ægtefællen indlagt",
        occurred_at=timezone.now() - timedelta(minutes=5),
        acting_user=visitator,
    )
    client = as_user(ward)
    assert "Ægtefællen indlagt" in client.get("/afdeling/tavle/").content.decode()

    response = client.post(
        f"/forloeb/{course_admitted_16_november.pk}/udskrivning/aendring/{change.pk}/kvitter/"
    )

    assert response.status_code == 302
    assert "Ægtefællen indlagt" not in client.get("/afdeling/tavle/").content.decode()


@pytest.mark.parametrize(
    "path", ["", "plan/", "faerdigbehandlet/", "advis/", "epikrise/", "svar/"], ids=lambda p: p or "page"
)
def test_foreign_users_get_404(
    course_admitted_16_november: Course, foreign_visitator: Any, path: str
) -> None:
    assert (
        as_user(foreign_visitator)
        .get(f"/forloeb/{course_admitted_16_november.pk}/udskrivning/{path}")
        .status_code
        == 404
    )


def test_discharge_page_is_access_logged(course_admitted_16_november: Course, visitator: Any) -> None:
    as_user(visitator).get(f"/forloeb/{course_admitted_16_november.pk}/udskrivning/")

    assert (
        AccessLog.objects.filter(
            citizen_id=course_admitted_16_november.citizen_id, what="Udskrivning"
        ).count()
        == 1
    )


def test_a_change_the_hospital_reports_reaches_the_municipality_which_acknowledges_it(
    course_admitted_16_november: Course, ward: Any, visitator: Any
) -> None:
    # given the ward reports a change (the agreement, 1.2 OBS: the contact person is the døgnhjemmepleje)
    change = sudden_change_report(
        course=course_admitted_16_november,
        kind="condition",
        description="Nyopstået delirium",
        occurred_at=timezone.now() - timedelta(minutes=5),
        acting_user=ward,
    )
    municipality = as_user(visitator)

    # then the municipality sees it at once, and the ward's board does not list its own report
    assert change.contact_name == f"Døgnhjemmeplejen, {course_admitted_16_november.citizen.municipality.name}"
    assert "Nyopstået delirium" in municipality.get("/kommune/udskrivninger/").content.decode()
    assert "Nyopstået delirium" not in as_user(ward).get("/afdeling/tavle/").content.decode()
    assert AccessLog.objects.filter(
        citizen_id=course_admitted_16_november.citizen_id, what="Forventede udskrivninger"
    ).exists()

    # when the municipality acknowledges it, it leaves the list
    response = municipality.post(
        f"/forloeb/{course_admitted_16_november.pk}/udskrivning/aendring/{change.pk}/kvitter/",
        {"next": "/kommune/udskrivninger/"},
    )

    assert response.status_code == 302
    assert "Nyopstået delirium" not in municipality.get("/kommune/udskrivninger/").content.decode()


def test_only_the_receiving_party_acknowledges_a_change(
    course_admitted_16_november: Course, ward: Any, visitator: Any
) -> None:
    change = sudden_change_report(
        course=course_admitted_16_november,
        kind="family",
        description="Ægtefællen indlagt",
        occurred_at=timezone.now() - timedelta(minutes=5),
        acting_user=visitator,
    )

    response = as_user(visitator).post(
        f"/forloeb/{course_admitted_16_november.pk}/udskrivning/aendring/{change.pk}/kvitter/"
    )

    assert response.status_code == 403
    change.refresh_from_db()
    assert change.acknowledged_at is None
