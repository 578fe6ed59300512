"""Without the citizen's consent (l. 1406) the municipality's discharge page of the course withholds the notice
deadline as the API does: its due time tells the need (5 working days before: special aids)."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from admissions.models import Course
from discharge.services import discharge_plan_save


def test_the_notice_deadline_is_withheld_with_the_need(
    course_admitted_16_november: Course, ward: Any, visitator: Any, client: Any, api_client: Any
) -> None:
    # given a plan with a need that has a notice deadline, and no consent to share with the municipality
    course = course_admitted_16_november
    plan = discharge_plan_save(
        course=course,
        functional_ability="reduced",
        need="special_aids",
        planned_date=timezone.localdate() + timedelta(days=10),
        acting_user=ward,
    )
    api_client.force_authenticate(visitator)
    assert api_client.get(f"/api/v1/discharge-plans/{plan.pk}/").json()["deadline"] is None

    # when the visitator opens the course's discharge page
    client.force_login(visitator)
    page = client.get(f"/forloeb/{course.pk}/udskrivning/").content.decode()

    # then the deadline is withheld there too, while the ward sees it
    assert "ikke givet samtykke til at videregive helbredsoplysninger" in page
    assert "Varslingsfrist" not in page
    client.force_login(ward)
    assert "Varslingsfrist" in client.get(f"/forloeb/{course.pk}/udskrivning/").content.decode()
