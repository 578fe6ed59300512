"""What differs between a planned and an acute admission (sections 1.2.3.1 and 1.2.3.2 of the health
agreement): the 24-hour reply deadline on an information request, and who is told of the admission."""

from datetime import timedelta

import pytest
from django.utils import timezone

from admissions.models import AdmissionNotice, Course, InformationRequest
from admissions.services import consent_record, information_request_send
from sundhedsaftale.deadlines.models import Deadline
from tests.factories import PracticeFactory, member

pytestmark = pytest.mark.django_db


def _ask_the_gp(course: Course, ward, practice) -> InformationRequest:
    consent_record(
        course=course,
        given_by="citizen",
        given_at=timezone.now() - timedelta(minutes=5),
        to_municipality=True,
        to_gp=True,
        acting_user=ward,
    )
    return information_request_send(
        course=course, recipient=practice, question="Hvilken medicin får borgeren?", acting_user=ward
    )


@pytest.mark.parametrize("kind", [Course.Kind.ACUTE, Course.Kind.OPEN], ids=["acute", "open"])
def test_an_information_request_at_an_acute_admission_has_no_24_hour_deadline(
    client, admit, ward, gp, practice, kind
):
    """1.2.3.1 (planned only): "Ved behov for yderligere information fra praktiserende læge og/eller
    hjemmepleje kontaktes disse. Tidsfrist for tilbagemelding: inden 24 timer." 1.2.3.2 (acute) has none."""
    course = admit(kind=kind)

    request = _ask_the_gp(course, ward, practice)

    assert InformationRequest.objects.filter(pk=request.pk).exists(), "the question still goes to the GP"
    assert not Deadline.objects.filter(rule_code="admission.info_reply").exists()
    client.force_login(gp)
    page = client.get(f"/forespoergsel/{request.pk}/").content.decode()
    assert "Hvilken medicin får borgeren?" in page
    assert "svarfristen på 24 timer gælder planlagte indlæggelser" in page


def test_an_information_request_at_a_planned_admission_is_due_in_24_hours(client, admit, ward, gp, practice):
    """1.2.3.1: "Tidsfrist for tilbagemelding: inden 24 timer"."""
    course = admit(kind=Course.Kind.PLANNED)

    request = _ask_the_gp(course, ward, practice)

    deadline = Deadline.objects.get(rule_code="admission.info_reply")
    assert deadline.due_at == request.sent_at + timedelta(hours=24)
    assert deadline.responsible == practice
    client.force_login(gp)
    page = client.get(f"/forespoergsel/{request.pk}/").content.decode()
    assert "Svarfrist" in page and "gælder planlagte indlæggelser" not in page


def test_an_acute_admission_notifies_the_citizens_gp(client, api_client, admit, gp, practice):
    """1.2.3.2: "Underrette pårørende og egen læge og kommune hurtigst muligt efter indlæggelsen"."""
    course = admit(kind=Course.Kind.ACUTE, name="Else Akutsen")

    notice = AdmissionNotice.objects.get(course=course)
    assert (notice.municipality.code, notice.gp_practice) == ("751", practice)

    client.force_login(gp)
    inbox = client.get("/praksis/").content.decode()
    notices = inbox.split('id="inbox-notices"')[1].split("</table>")[0]
    assert "Else Akutsen" in notices and "Til orientering (akut indlæggelse)" in notices
    course_page = client.get(f"/forloeb/{course.pk}/").content.decode()
    assert f"og egen læge ({practice.name})" in course_page

    api_client.force_authenticate(gp)
    listed = api_client.get(f"/api/v1/admission-notices/?course={course.pk}")
    assert listed.status_code == 200
    rows = listed.json()["results"] if isinstance(listed.json(), dict) else listed.json()
    assert [(r["id"], r["municipality"], r["gp_practice"]) for r in rows] == [
        (notice.pk, "751", practice.code)
    ]
    assert api_client.get(f"/api/v1/admission-notices/{notice.pk}/").status_code == 200


def test_another_gp_does_not_see_the_notice(api_client, client, admit, practice):
    course = admit(kind=Course.Kind.ACUTE, name="Else Akutsen")
    notice = AdmissionNotice.objects.get(course=course)
    other = member("gp", PracticeFactory.create().code)

    api_client.force_authenticate(other)
    assert api_client.get(f"/api/v1/admission-notices/{notice.pk}/").status_code == 404
    listed = api_client.get("/api/v1/admission-notices/").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert rows == []
    client.force_login(other)
    assert "Else Akutsen" not in client.get("/praksis/").content.decode()


def test_a_planned_admission_tells_the_municipality_only(client, api_client, admit, gp, visitator, practice):
    """1.2.3.1 (planned) names only "Fremsender indlæggelsesadvis elektronisk (MedCom rapport nr. 12) eller
    kontakter kommunen på anden vis" — the GP is not notified."""
    course = admit(kind=Course.Kind.PLANNED, name="Else Planlagt")

    notice = AdmissionNotice.objects.get(course=course)
    assert notice.gp_practice is None

    api_client.force_authenticate(gp)
    assert api_client.get(f"/api/v1/admission-notices/{notice.pk}/").status_code == 404
    client.force_login(gp)
    inbox = client.get("/praksis/").content.decode()
    assert "Else Planlagt" not in inbox.split('id="gp-admitted"')[-1].split("Nye indlæggelsesadviser")[-1]

    api_client.force_authenticate(visitator)
    assert api_client.get(f"/api/v1/admission-notices/{notice.pk}/").json()["gp_practice"] is None


@pytest.mark.parametrize(
    ("kind", "promised"), [(Course.Kind.PLANNED, True), (Course.Kind.ACUTE, False)], ids=["planned", "acute"]
)
def test_the_course_page_promises_a_24_hour_reply_at_planned_admissions_only(
    client, admit, ward, kind, promised
):
    course = admit(kind=kind)
    client.force_login(ward)

    page = client.get(f"/forloeb/{course.pk}/").content.decode()

    assert "Forespørgsel til egen læge eller hjemmeplejen" in page
    assert ("svar inden 24 timer" in page) is promised
