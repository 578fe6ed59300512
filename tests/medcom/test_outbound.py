"""Our own admissions, leaves and discharges out as HospitalNotifications to the citizen's municipality, and
correspondence written in the product out as CareCommunication: valid Bundles that our own reader accepts, queued
once per event and delivered at least once (the embedded default keeps them in the outbound log)."""

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from admissions.models import Course
from admissions.services import consent_record, leave_end, leave_start, message_send
from discharge.services.closing import course_close_as_discharged
from medcom.fhir.codes import Event
from medcom.fhir.communication import care_communication_read
from medcom.fhir.notification import hospital_notification_read
from medcom.models import DeliveryEndpoint, OutboundMessage
from medcom.services.outbound import (
    DeliveryFailed,
    course_notifications_queue,
    message_queue,
    outbound_deliver_once,
)
from medcom.tasks import outbound_scan
from sundhedsaftale.organisations.models import Organisation
from tests.factories import CitizenFactory, CourseFactory, member

DEPARTMENT_SOR = "441211000016000"


@pytest.fixture
def course(receivers: None) -> Course:
    """A course at AUH's orthopaedics (given a SOR code) for a citizen of Aarhus, whose units have SOR codes."""
    Organisation.objects.filter(code="AUH-ORT").update(sor_code=DEPARTMENT_SOR, gln="5790001987244")
    citizen = CitizenFactory.create(name="Karl Udsendt", municipality=Organisation.objects.get(code="751"))
    return CourseFactory.create(citizen=citizen, at="AUH-ORT", admitted_at=timezone.now() - timedelta(days=3))


def _events(rows: list[OutboundMessage]) -> list[str]:
    return [hospital_notification_read(row.bundle).label for row in rows]


def test_an_admission_goes_out_as_a_stin_our_reader_accepts(course: Course) -> None:
    rows = course_notifications_queue(course=course)
    assert len(rows) == 1
    notification = hospital_notification_read(rows[0].bundle)
    assert notification.event == Event.STIN
    assert notification.cpr == course.citizen.cpr
    assert notification.sender.sor == DEPARTMENT_SOR
    receiver = Organisation.objects.select_related("parent").get(sor_code=notification.receiver.sor)
    assert receiver.parent is not None and receiver.parent.code == "751"
    assert notification.started_at == course.admitted_at


def test_leave_and_discharge_follow_and_nothing_is_queued_twice(course: Course) -> None:
    ward = member("ward_staff", "AUH-ORT")
    course_notifications_queue(course=course)
    now = timezone.now()
    leave_start(course=course, started_at=now - timedelta(days=2), acting_user=ward)
    leave_end(course=course, ended_at=now - timedelta(days=1), acting_user=ward)
    course_close_as_discharged(
        course=Course.objects.get(pk=course.pk), at=now - timedelta(hours=1), acting_user=ward
    )
    new = course_notifications_queue(course=Course.objects.get(pk=course.pk))
    assert _events(new) == ["STOR", "SLOR", "SLHJ"]
    # each message names the one before it
    ids = [r.message_id for r in OutboundMessage.objects.order_by("pk")]
    previous = [
        hospital_notification_read(r.bundle).previous_id for r in OutboundMessage.objects.order_by("pk")
    ]
    assert previous[1:] == ids[:-1]
    assert course_notifications_queue(course=Course.objects.get(pk=course.pk)) == []


def test_without_an_endpoint_the_message_is_kept_in_the_outbound_log(course: Course) -> None:
    (row,) = course_notifications_queue(course=course)
    delivered = outbound_deliver_once(outbound_id=row.pk)
    assert delivered.state == OutboundMessage.State.STORED
    assert delivered.attempts == 1
    # delivering again (a retried task) changes nothing
    assert outbound_deliver_once(outbound_id=row.pk).attempts == 1


def test_an_unreachable_endpoint_fails_for_the_task_to_retry(course: Course) -> None:
    DeliveryEndpoint.objects.create(
        organisation=Organisation.objects.get(code="751"), url="http://127.0.0.1:9/fhir"
    )
    (row,) = course_notifications_queue(course=course)
    with pytest.raises(DeliveryFailed):
        outbound_deliver_once(outbound_id=row.pk)
    row.refresh_from_db()
    assert row.state == OutboundMessage.State.QUEUED
    assert row.attempts == 1 and row.last_error


def test_an_endpoint_that_is_not_http_is_never_opened(course: Course) -> None:
    # given an endpoint the admin form accepts (a URLField takes ftp) but the delivery must not open
    DeliveryEndpoint.objects.create(
        organisation=Organisation.objects.get(code="751"), url="ftp://127.0.0.1:9/fhir"
    )
    (row,) = course_notifications_queue(course=course)
    with pytest.raises(DeliveryFailed, match="http"):
        outbound_deliver_once(outbound_id=row.pk)
    row.refresh_from_db()
    assert row.state == OutboundMessage.State.QUEUED
    assert row.last_error == "not an http(s) address"


def test_the_scan_queues_the_events_of_the_courses(course: Course) -> None:
    # given a course with a new event (a leave begun on the ward)
    ward = member("ward_staff", "AUH-ORT")
    leave_start(course=course, started_at=timezone.now() - timedelta(hours=2), acting_user=ward)
    # when the periodic scan runs, the course's admission and leave are queued, and a second run adds nothing
    assert outbound_scan() == 2
    events = set(OutboundMessage.objects.filter(course=course).values_list("event", flat=True))
    assert events == {"admit-inpatient", "start-leave-inpatient"}
    assert outbound_scan() == 0


def test_correspondence_goes_out_as_carecommunication(course: Course, settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path
    ward = member("ward_staff", "AUH-ORT")
    consent_record(
        course=course,
        given_by="citizen",
        given_at=timezone.now(),
        to_municipality=True,
        to_gp=False,
        acting_user=ward,
    )
    message = message_send(
        course=course,
        category="nursing",
        topic="",
        recipient=Organisation.objects.get(code="751"),
        body="Karl kommer hjem i morgen.",
        author_name="Karen Sygeplejerske",
        author_phone="78450000",
        acting_user=ward,
    )
    row = message_queue(message=message)
    assert row is not None
    communication = care_communication_read(row.bundle)
    assert communication.activity == "new-message"
    assert communication.category == "nursing"
    assert communication.newest.text == "Karl kommer hjem i morgen."
    assert communication.newest.author == "Karen Sygeplejerske"
    assert message_queue(message=message) is None


def test_the_operators_set_a_receivers_endpoint_in_the_admin(receivers: None) -> None:
    client = Client()
    client.force_login(member("superuser"))
    aarhus = Organisation.objects.get(code="751")
    response = client.post(
        "/admin/medcom/deliveryendpoint/add/",
        {
            "organisation": aarhus.pk,
            "url": "https://eoj.aarhus.example/fhir",
            "authorization": "",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert DeliveryEndpoint.objects.get().organisation == aarhus
