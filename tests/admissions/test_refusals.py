"""The rules of the admission services that refuse a request: each refusal names its Danish reason and code,
and nothing is half-saved."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from admissions import services
from admissions.models import (
    AdmissionReport,
    Attachment,
    Course,
    CourseEvent,
    HomeCareService,
    InformationRequest,
    LeavePeriod,
    Stay,
)
from sundhedsaftale.access.models import AccessLog
from sundhedsaftale.deadlines.models import Deadline
from sundhedsaftale.errors import DomainError
from tests.admissions.conftest import new_cpr
from tests.factories import organisation_get
from tests.factories.admissions import ConsentFactory, HomeCareServiceFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF\n"


def _ago(**delta: float) -> Any:
    return timezone.now() - timedelta(**delta)


def _counts() -> tuple[int, ...]:
    """Everything a refused request could have half-written."""
    return (
        Course.objects.count(),
        Stay.objects.count(),
        LeavePeriod.objects.count(),
        CourseEvent.objects.count(),
        AdmissionReport.objects.count(),
        InformationRequest.objects.count(),
        Attachment.objects.count(),
        Deadline.objects.count(),
    )


def _leave(course: Course, ward: User) -> None:
    services.leave_start(course=course, started_at=_ago(minutes=30), acting_user=ward)


def _dead(course: Course, ward: User) -> None:
    services.course_record_death(course=course, died_at=_ago(minutes=30), acting_user=ward)


def _submitted(course: Course, visitator: User) -> None:
    services.admission_report_submit(course=course, functional_level="Selvhjulpen", acting_user=visitator)


REFUSALS: list[Any] = [
    pytest.param(
        lambda c, w, v: None,
        lambda c, w, v: services.leave_start(
            course=c, started_at=c.admitted_at - timedelta(hours=1), acting_user=w
        ),
        "started_at",
        id="leave-before-admission",
    ),
    pytest.param(
        lambda c, w, v: _leave(c, w),
        lambda c, w, v: services.leave_start(course=c, started_at=_ago(minutes=5), acting_user=w),
        "not_admitted",
        id="leave-while-on-leave",
    ),
    pytest.param(
        lambda c, w, v: None,
        lambda c, w, v: services.leave_end(course=c, ended_at=_ago(minutes=5), acting_user=w),
        "not_on_leave",
        id="leave-end-without-leave",
    ),
    pytest.param(
        lambda c, w, v: None,
        lambda c, w, v: services.course_transfer(
            course=c,
            department=organisation_get("RHR-MED"),
            at=c.admitted_at - timedelta(hours=1),
            acting_user=w,
        ),
        "at",
        id="transfer-before-the-stay",
    ),
    pytest.param(
        lambda c, w, v: None,
        lambda c, w, v: services.course_record_death(
            course=c, died_at=c.admitted_at - timedelta(hours=1), acting_user=w
        ),
        "died_at",
        id="death-before-admission",
    ),
    pytest.param(
        lambda c, w, v: None,
        lambda c, w, v: services.course_record_death(course=c, died_at=_ago(hours=-2), acting_user=w),
        "died_at",
        id="death-in-the-future",
    ),
    pytest.param(
        lambda c, w, v: _dead(c, w),
        lambda c, w, v: services.course_transfer(
            course=c, department=organisation_get("AUH-NEU"), at=_ago(minutes=5), acting_user=w
        ),
        "course_closed",
        id="transfer-after-death",
    ),
    pytest.param(
        lambda c, w, v: _submitted(c, v),
        lambda c, w, v: services.admission_report_request(course=c, acting_user=w),
        "report_submitted",
        id="report-requested-after-it-came",
    ),
    pytest.param(
        lambda c, w, v: _submitted(c, v),
        lambda c, w, v: services.admission_report_submit(course=c, functional_level="Igen", acting_user=v),
        "report_submitted",
        id="report-sent-twice",
    ),
    pytest.param(
        lambda c, w, v: None,
        lambda c, w, v: services.admission_report_submit(
            course=c, functional_level="Selvhjulpen", dose_dispensed=True, acting_user=v
        ),
        "medication",
        id="dose-dispensed-without-medication",
    ),
    pytest.param(
        lambda c, w, v: None,
        lambda c, w, v: services.admission_report_request(course=c, acting_user=v),
        "not_a_party",
        id="municipality-requests-its-own-report",
    ),
    pytest.param(
        lambda c, w, v: None,
        lambda c, w, v: services.course_set_contact_person(
            course=c, name="Karen", role="", phone=" ", acting_user=w
        ),
        "phone",
        id="contact-person-without-phone",
    ),
]


@pytest.mark.parametrize(("given", "when", "reason"), REFUSALS)
def test_a_refused_request_names_its_reason_and_saves_nothing(
    given: Callable[..., None],
    when: Callable[..., Any],
    reason: str,
    admitted_course: Course,
    ward: User,
    visitator: User,
) -> None:
    given(admitted_course, ward, visitator)
    before = _counts()

    with pytest.raises(DomainError) as error:
        when(admitted_course, ward, visitator)

    assert reason in (error.value.code, error.value.field)
    assert error.value.message and error.value.status_code in (400, 403, 409)
    assert _counts() == before


def test_an_answered_request_cannot_be_answered_again(
    admitted_course: Course, ward: User, gp: User, practice: Any
) -> None:
    ConsentFactory.create(course=admitted_course, given_at=_ago(minutes=10))
    info = services.information_request_send(
        course=admitted_course, recipient=practice, question="Medicin?", acting_user=ward
    )
    services.information_request_reply(request=info, reply="Furix", acting_user=gp)

    with pytest.raises(DomainError) as error:
        services.information_request_reply(request=info, reply="Noget andet", acting_user=gp)

    assert (error.value.code, error.value.status_code) == ("already_answered", 409)
    info.refresh_from_db()
    assert info.reply == "Furix"


def test_a_withdrawn_consent_cannot_be_withdrawn_again(admitted_course: Course, ward: User) -> None:
    consent = ConsentFactory.create(course=admitted_course, given_at=_ago(minutes=10))
    services.consent_withdraw(consent=consent, acting_user=ward)

    with pytest.raises(DomainError) as error:
        services.consent_withdraw(consent=consent, acting_user=ward)

    assert (error.value.code, error.value.status_code) == ("already_withdrawn", 409)


def test_only_the_sender_attaches_to_a_message(admitted_course: Course, ward: User, visitator: User) -> None:
    message = services.message_send(
        course=admitted_course,
        category="nursing",
        recipient=organisation_get("AUH-ORT"),
        body="Borgeren bruger rollator.",
        author_phone="87130000",
        acting_user=visitator,
    )

    with pytest.raises(DomainError) as error:
        services.attachment_add(
            message=message, upload=SimpleUploadedFile("a.pdf", PDF, "application/pdf"), acting_user=ward
        )

    assert (error.value.code, error.value.status_code) == ("not_sender", 403)
    assert not Attachment.objects.exists()


def test_death_cancels_the_open_24_hour_deadline_and_ends_home_care(
    planned_course: Course, ward: User, practice: Any
) -> None:
    ConsentFactory.create(course=planned_course, given_at=_ago(minutes=10))
    services.information_request_send(
        course=planned_course, recipient=practice, question="Medicin?", acting_user=ward
    )
    service = HomeCareServiceFactory.create(citizen=planned_course.citizen)

    services.course_record_death(course=planned_course, died_at=_ago(minutes=1), acting_user=ward)

    deadline = Deadline.objects.get(rule_code="admission.info_reply")
    assert deadline.state == Deadline.State.CANCELLED
    service.refresh_from_db()
    assert service.status == HomeCareService.Status.ENDED
    assert services.home_care_resume(course=planned_course, at=timezone.now()) == 0


def test_the_gp_cannot_mark_the_municipalitys_notice_read(admitted_course: Course, gp: User) -> None:
    notice = admitted_course.admission_notices.get()

    with pytest.raises(DomainError):
        services.admission_notice_mark_read(notice=notice, acting_user=gp)

    notice.refresh_from_db()
    assert notice.read_at is None


def test_what_an_api_write_returns_about_the_citizen_is_access_logged(api_client: Any, ward: User) -> None:
    api_client.force_authenticate(ward)
    payload = {
        "cpr": new_cpr(),
        "name": "Else Testesen",
        "municipality": "751",
        "kind": "acute",
        "department": "AUH-ORT",
        "admitted_at": _ago(hours=1).isoformat(),
    }

    response = api_client.post("/api/v1/admissions/", payload, format="json")

    assert response.status_code == 201
    assert AccessLog.objects.filter(
        user=ward, citizen_id=response.json()["citizen"]["id"], action="api"
    ).exists()
