"""Consent (l. 1406): without the citizen's consent nothing beyond the notices leaves the hospital, and the
discharge notification goes with its facts but without its free text and the citizen's need."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from admissions.models import Course
from discharge.models import DischargeLetter
from discharge.services import (
    discharge_letter_send,
    discharge_notification_send,
    discharge_plan_save,
    discharge_report_send,
)
from sundhedsaftale.errors import DomainError
from sundhedsaftale.templatetags.dansk import dato_tid
from tests.factories.discharge import local


@pytest.mark.parametrize(
    ("send", "recipient"),
    [
        (
            lambda course, ward: discharge_letter_send(course=course, summary="Pneumoni", acting_user=ward),
            "gp",
        ),
        (
            lambda course, ward: discharge_report_send(
                course=course, functional_level="Rollator", nursing="Bad", acting_user=ward
            ),
            "municipality",
        ),
    ],
    ids=["epikrise", "report"],
)
def test_without_consent_nothing_beyond_the_notices_is_shared(
    course_admitted_16_november: Course, ward: Any, send: Any, recipient: str
) -> None:
    with pytest.raises(DomainError) as error:
        send(course_admitted_16_november, ward)

    assert error.value.code == "no_consent"
    assert error.value.message.startswith("Borgeren har ikke givet samtykke til at dele oplysninger med")
    assert not DischargeLetter.objects.exists() and not course_admitted_16_november.discharge_reports.exists()


def test_the_notifications_free_text_is_withheld_without_consent(
    course_admitted_16_november: Course, ward: Any, give_consent: Any
) -> None:
    """l. 1406: "Indhenter samtykke fra patienten til videregivelse af helbredsoplysninger." Without the
    citizen's consent the notice goes with its facts (time, planned date) and the free text stays at the
    hospital; with consent it goes."""
    plan = discharge_plan_save(
        course=course_admitted_16_november,
        functional_ability="reduced",
        need="home_care",
        planned_date=local(2026, 12, 29).date(),
        acting_user=ward,
    )

    withheld = discharge_notification_send(
        plan=plan, text="Hjælp til personlig pleje morgen", acting_user=ward
    )
    give_consent(course_admitted_16_november, ward)
    sent = discharge_notification_send(plan=plan, text="Hjælp til personlig pleje morgen", acting_user=ward)

    assert (withheld.text, withheld.planned_date) == ("", plan.planned_date)
    assert sent.text == "Hjælp til personlig pleje morgen"


def _plan_in_three_days(course: Course, ward: Any) -> Any:
    return discharge_plan_save(
        course=course,
        functional_ability="reduced",
        need="special_aids",
        planned_date=timezone.localdate() + timedelta(days=3),
        note="Har brug for badebænk og toiletforhøjer",
        acting_user=ward,
    )


def test_the_need_is_withheld_from_the_municipality_without_consent(
    course_admitted_16_november: Course, ward: Any, visitator: Any, client: Any, api_client: Any
) -> None:
    """l. 1406: "Indhenter samtykke fra patienten til videregivelse af helbredsoplysninger." The citizen's need
    is health information: without consent the municipality learns when the citizen comes home, not why."""
    course = course_admitted_16_november
    plan = _plan_in_three_days(course, ward)

    notification = discharge_notification_send(plan=plan, acting_user=ward)

    assert (notification.need, notification.planned_date) == ("", plan.planned_date)
    client.force_login(visitator)
    expected = client.get("/kommune/udskrivninger/").content.decode()
    card = expected.split(f'data-plan="{plan.pk}"')[1].split("</section>")[0]
    assert "Særlige hjælpemidler" not in card and "badebænk" not in card
    assert "ikke givet samtykke til at videregive helbredsoplysninger" in card
    assert f"Varslet {dato_tid(notification.sent_at)}" in card, "the notice's time still goes"
    page = client.get(f"/forloeb/{course.pk}/udskrivning/").content.decode()
    assert "Særlige hjælpemidler" not in page and "badebænk" not in page
    assert "ikke givet samtykke til at videregive helbredsoplysninger" in page

    api_client.force_authenticate(visitator)
    plan_out = api_client.get(f"/api/v1/discharge-plans/{plan.pk}/").json()
    assert (plan_out["need"], plan_out["needs"], plan_out["note"], plan_out["need_withheld"]) == (
        None,
        [],
        "",
        True,
    )
    assert plan_out["planned_date"] == plan.planned_date.isoformat()
    listed = api_client.get(f"/api/v1/discharge-plans/?course={course.pk}").json()["results"]
    assert [(row["need"], row["obligations"]) for row in listed] == [(None, [])]
    notice_out = api_client.get(f"/api/v1/discharge-notifications/{notification.pk}/").json()
    assert (notice_out["need"], notice_out["need_withheld"]) == ("", True)

    # the ward sees its own plan whole
    api_client.force_authenticate(ward)
    assert api_client.get(f"/api/v1/discharge-plans/{plan.pk}/").json()["need"] == "special_aids"
    client.force_login(ward)
    assert "Særlige hjælpemidler" in client.get(f"/forloeb/{course.pk}/udskrivning/").content.decode()


def test_with_consent_the_municipality_sees_the_need(
    course_admitted_16_november: Course,
    ward: Any,
    visitator: Any,
    give_consent: Any,
    client: Any,
    api_client: Any,
) -> None:
    course = give_consent(course_admitted_16_november, ward)
    plan = _plan_in_three_days(course, ward)

    notification = discharge_notification_send(plan=plan, acting_user=ward)

    assert notification.need == "special_aids"
    client.force_login(visitator)
    expected = client.get("/kommune/udskrivninger/").content.decode()
    card = expected.split(f'data-plan="{plan.pk}"')[1].split("</section>")[0]
    assert "Særlige hjælpemidler" in card and "ikke givet samtykke" not in card
    assert "badebænk" in client.get(f"/forloeb/{course.pk}/udskrivning/").content.decode()
    api_client.force_authenticate(visitator)
    plan_out = api_client.get(f"/api/v1/discharge-plans/{plan.pk}/").json()
    assert (plan_out["need"], plan_out["need_withheld"]) == ("special_aids", False)
