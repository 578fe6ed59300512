"""Ready at discharge (Krav 3): a citizen discharged while a needed aid is missing raises one alert to each party,
once; a need delivered in time raises none."""

from django.contrib.auth.models import User
from django.utils import timezone

from admissions.models import Course
from aids import services
from aids.models import AidType, MissingAidAlert
from aids.tasks import alert_missing_at_discharge
from discharge import services as discharge
from sundhedsaftale.workdays import local_date


def test_a_discharge_with_an_aid_missing_alerts_both_parties_once(
    course: Course, rollator: AidType, ward: User, visitator: User
) -> None:
    today = local_date(timezone.now())
    missing = services.need_register(
        course=course, aid_type=rollator, situation="general_rehab", acting_user=ward, needed_from=today
    )
    delivered = services.need_register(
        course=course,
        aid_type=AidType.objects.get(code="plejeseng"),
        situation="home_nursing",
        acting_user=ward,
        needed_from=today,
    )
    services.need_deliver(need=delivered, acting_user=visitator)
    discharge.discharge_notice_send(course=course, discharged_at=timezone.now(), acting_user=ward)

    assert alert_missing_at_discharge() == 1
    assert alert_missing_at_discharge() == 0

    alerts = MissingAidAlert.objects.filter(need=missing)
    assert {a.organisation_id for a in alerts} == {course.hospital_id, course.citizen.municipality_id}
    assert not MissingAidAlert.objects.filter(need=delivered).exists()
