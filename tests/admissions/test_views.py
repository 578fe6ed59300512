"""The screens: the ward admits and works the course page, the municipality its inbox, the GP its page;
every page with citizen data writes access-log rows."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from admissions.models import Course, InformationRequest, MessageRead
from admissions.services import (
    admission_report_request,
    consent_record,
    information_request_send,
    message_send,
)
from sundhedsaftale.access.models import AccessLog
from tests.admissions.conftest import new_cpr
from tests.factories import organisation_get

pytestmark = pytest.mark.django_db


def _consent(course, ward):
    consent_record(
        course=course,
        given_by="citizen",
        given_at=timezone.now() - timedelta(minutes=1),
        to_municipality=True,
        to_gp=True,
        acting_user=ward,
    )


def test_ward_admits_through_the_form_and_lands_on_the_course_page(client, ward):
    client.force_login(ward)
    assert client.get("/indlaeggelse/ny/").status_code == 200
    admitted_at = timezone.localtime(timezone.now() - timedelta(hours=1)).strftime("%d.%m.%Y %H.%M")

    response = client.post(
        "/indlaeggelse/ny/",
        {
            "cpr": new_cpr(),
            "name": "Else Testesen",
            "municipality": organisation_get("751").pk,
            "kind": "acute",
            "department": organisation_get("AUH-ORT").pk,
            "admitted_at": admitted_at,
        },
        follow=True,
    )

    course = Course.objects.get()
    assert response.redirect_chain[-1][0] == f"/forloeb/{course.pk}/"
    page = response.content.decode()
    assert "Else Testesen" in page and "Indlæggelsesadvis sendt til Aarhus" in page
    assert AccessLog.objects.filter(user=ward, citizen_id=course.citizen_id, what="Forløbsside").exists()


def test_admit_form_shows_the_services_danish_error_and_saves_nothing(client, ward):
    client.force_login(ward)
    response = client.post(
        "/indlaeggelse/ny/",
        {
            "cpr": "321399-1234",
            "name": "X",
            "municipality": organisation_get("751").pk,
            "kind": "acute",
            "department": organisation_get("AUH-ORT").pk,
            "admitted_at": "2026-01-01T10:00",
        },
    )
    assert response.status_code == 400
    assert "fødselsdato" in response.content.decode()
    assert not Course.objects.exists()


def test_course_action_by_htmx_returns_the_fragment_and_without_js_redirects(client, admitted_course, ward):
    client.force_login(ward)
    url = f"/forloeb/{admitted_course.pk}/kontaktperson/"
    data = {"name": "Karen Jensen", "role": "Sygeplejerske", "phone": "78450000"}

    fragment = client.post(url, data, headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and fragment["HX-Trigger"] == "course-changed"
    assert 'id="course-body"' in fragment.content.decode() and "<html" not in fragment.content.decode()
    assert "Karen Jensen" in fragment.content.decode()

    plain = client.post(url, data)
    assert plain.status_code == 302 and plain["Location"] == f"/forloeb/{admitted_course.pk}/"

    invalid = client.post(url, {"name": "Karen", "phone": " "}, headers={"HX-Request": "true"})
    assert invalid.status_code == 200 and "telefon" in invalid.content.decode().lower()


def test_municipal_inbox_shows_notice_report_request_and_unread_message(
    client, admitted_course, ward, visitator
):
    _consent(admitted_course, ward)
    admission_report_request(course=admitted_course, acting_user=ward)
    message_send(
        course=admitted_course,
        category="nursing",
        recipient=organisation_get("751"),
        body="Tryksår.",
        author_phone="78450000",
        acting_user=ward,
    )
    client.force_login(visitator)

    page = client.get("/kommune/indbakke/").content.decode()

    assert page.count("Else Testesen") >= 3
    assert "Markér som læst" in page and "Anmodninger om indlæggelsesrapport" in page
    assert AccessLog.objects.filter(
        user=visitator, citizen_id=admitted_course.citizen_id, action="list"
    ).exists()

    other_team = client.get(f"/kommune/indbakke/?sted={organisation_get('RHR').pk}").content.decode()
    assert "Else Testesen" not in other_team

    notice = admitted_course.admission_notices.get()
    client.post(f"/kommune/advis/{notice.pk}/laest/")
    notice.refresh_from_db()
    assert notice.read_by == visitator


def test_inbox_of_another_municipality_does_not_show_the_citizen(client, admitted_course, foreign_visitator):
    client.force_login(foreign_visitator)
    assert "Else Testesen" not in client.get("/kommune/indbakke/").content.decode()
    assert client.get(f"/forloeb/{admitted_course.pk}/").status_code == 404


def test_ward_has_no_municipal_inbox(client, ward):
    client.force_login(ward)
    assert client.get("/kommune/indbakke/").status_code == 403


def test_gp_sees_admitted_patient_and_answers_the_information_request(
    client, admitted_course, ward, gp, practice
):
    _consent(admitted_course, ward)
    info = information_request_send(
        course=admitted_course, recipient=practice, question="Medicinliste?", acting_user=ward
    )
    client.force_login(gp)

    page = client.get("/praksis/").content.decode()
    assert "Else Testesen" in page and f"/forespoergsel/{info.pk}/" in page

    detail = client.get(f"/forespoergsel/{info.pk}/").content.decode()
    assert "Medicinliste?" in detail and "Send svar" in detail
    client.post(f"/forespoergsel/{info.pk}/", {"reply": "Furix 40 mg"})
    info.refresh_from_db()
    assert info.state == InformationRequest.State.ANSWERED
    assert AccessLog.objects.filter(user=gp, what="Forespørgsel").exists()


def test_municipality_without_consent_sees_notices_but_no_correspondence(
    client, admitted_course, ward, visitator
):
    client.force_login(visitator)
    page = client.get(f"/forloeb/{admitted_course.pk}/").content.decode()
    assert "Indlæggelsesadvis sendt" in page
    assert "Intet samtykke" in page and "Korrespondance" not in page


def test_thread_page_marks_read_and_takes_a_reply_with_attachment(
    client, admitted_course, ward, visitator, settings, tmp_path
):
    _consent(admitted_course, ward)
    message = message_send(
        course=admitted_course,
        category="medicine",
        recipient=organisation_get("751"),
        body="Ny dosis.",
        author_phone="78450000",
        acting_user=ward,
    )
    client.force_login(visitator)

    page = client.get(f"/korrespondance/{message.thread_id}/")
    assert (
        page.status_code == 200
        and "Ny dosis." in page.content.decode()
        and "78450000" in page.content.decode()
    )
    assert MessageRead.objects.filter(message=message, organisation__code="751").exists()

    client.post(
        f"/korrespondance/{message.thread_id}/",
        {
            "previous": message.pk,
            "activity": "reply",
            "body": "Dosis ændret i FMK.",
            "author_phone": "87130000",
            "attachments": SimpleUploadedFile("liste.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 20, "image/png"),
        },
    )
    reply = message.followers.get()
    attachment = reply.attachments.get()
    assert attachment.content_type == "image/png"

    client.force_login(ward)
    download = client.get(f"/bilag/{attachment.pk}/")
    assert download.status_code == 200 and download["Content-Type"] == "image/png"
    assert AccessLog.objects.filter(user=ward, action="export").exists()


def test_citizen_page_is_the_course_overview(client, admitted_course, ward):
    client.force_login(ward)
    page = client.get(f"/borgere/{admitted_course.citizen_id}/").content.decode()
    assert f'href="/forloeb/{admitted_course.pk}/"' in page and "Åbn det aktuelle forløb" in page


def test_full_course_page_for_each_party_shows_their_actions(
    client, planned_course, ward, visitator, gp, practice
):
    _consent(planned_course, ward)
    information_request_send(
        course=planned_course, recipient=practice, question="Medicinliste?", acting_user=ward
    )
    message_send(
        course=planned_course,
        category="nursing",
        recipient=organisation_get("751"),
        body="Tryksår.",
        author_phone="78450000",
        acting_user=ward,
    )
    admission_report_request(course=planned_course, acting_user=ward)

    client.force_login(ward)
    ward_page = client.get(f"/forloeb/{planned_course.pk}/").content.decode()
    assert "Tilbagekald samtykke" in ward_page and "Registrér dødsfald" in ward_page
    assert "Frist: Svar på anmodning om yderligere oplysninger" in ward_page and "Korrespondance" in ward_page
    assert "admission.info_reply" not in ward_page

    client.force_login(visitator)
    municipal_page = client.get(f"/forloeb/{planned_course.pk}/").content.decode()
    assert "Udfyld rapporten" in municipal_page and "Registrér dødsfald" not in municipal_page
    assert "Korrespondance sendt" in municipal_page

    client.force_login(gp)
    gp_page = client.get(f"/forloeb/{planned_course.pk}/").content.decode()
    assert (
        "Frist: Svar på anmodning om yderligere oplysninger" in gp_page
        and "Ny korrespondancemeddelelse" in gp_page
    )
    assert AccessLog.objects.filter(citizen_id=planned_course.citizen_id, what="Forløbsside").count() == 3
