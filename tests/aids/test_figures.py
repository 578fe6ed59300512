"""The aids figures the clusters read (issue 15): delivery times, the share ready at discharge, disputes by
outcome, for a period and optionally one municipality, hospital or cluster; numbers only."""

from datetime import timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from admissions.models import Course
from aids import figures, services
from aids.models import AidNeed, AidType
from discharge import services as discharge
from sundhedsaftale.workdays import local_date
from tests.factories import organisation_get


def test_delivery_times_ready_share_and_disputes(
    course: Course, rollator: AidType, ward: User, visitator: User
) -> None:
    today = local_date(timezone.now())
    now = timezone.now()
    quick = services.need_register(
        course=course, aid_type=rollator, situation="general_rehab", acting_user=ward, needed_from=today
    )
    slow = services.need_register(
        course=course,
        aid_type=AidType.objects.get(code="plejeseng"),
        situation="home_nursing",
        acting_user=ward,
        needed_from=today,
    )
    AidNeed.objects.filter(pk=quick.pk).update(created_at=now - timedelta(days=1))
    AidNeed.objects.filter(pk=slow.pk).update(created_at=now - timedelta(days=5))
    services.need_deliver(need=quick, acting_user=visitator)
    services.need_deliver(need=slow, acting_user=visitator)
    services.dispute_open(need=quick, acting_user=ward, question="Almen eller specialiseret?")
    discharge.discharge_notice_send(course=course, discharged_at=now, acting_user=ward)
    services.missing_aid_alerts_raise()

    start, end = today - timedelta(days=1), today
    times = figures.delivery_times(start=start, end=end)
    assert (times["count"], times["median_days"]) == (2, 3.0)
    assert times["p90_days"] is not None and 4.5 <= times["p90_days"] <= 5.0
    assert figures.ready_at_discharge_share(start=start, end=end) == {
        "discharged": 1,
        "ready": 1,
        "percent": 100,
    }
    assert figures.disputes_by_outcome(start=start, end=end)["open"] == 1
    assert figures.missing_at_discharge_count(start=start, end=end) == 0
    elsewhere = figures.delivery_times(start=start, end=end, municipality=organisation_get("730"))
    assert elsewhere["count"] == 0
    assert figures.delivery_times(start=start, end=end, hospital=course.hospital)["count"] == 2


def test_a_need_missing_at_the_discharge_counts_against_the_share(
    course: Course, rollator: AidType, ward: User
) -> None:
    today = local_date(timezone.now())
    services.need_register(
        course=course, aid_type=rollator, situation="general_rehab", acting_user=ward, needed_from=today
    )
    discharge.discharge_notice_send(course=course, discharged_at=timezone.now(), acting_user=ward)
    services.missing_aid_alerts_raise()

    start = end = today
    assert figures.ready_at_discharge_share(start=start, end=end) == {
        "discharged": 1,
        "ready": 0,
        "percent": 0,
    }
    assert figures.missing_at_discharge_count(start=start, end=end) == 1
