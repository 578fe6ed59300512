"""Correspondence on a course: only to related organisations, with author and phone, threads of replies and
forwards, read per organisation, and attachments checked by size and by their real content."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from admissions.models import Attachment, Message, MessageRead, Thread
from admissions.selectors import message_list_unread
from admissions.services import (
    consent_record,
    message_forward,
    message_mark_read,
    message_reply,
    message_send,
)
from sundhedsaftale.errors import DomainError
from sundhedsaftale.organisations.actor import actor_for
from tests.factories import organisation_get

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def consented(admitted_course, ward):
    consent_record(
        course=admitted_course,
        given_by="citizen",
        given_at=timezone.now() - timedelta(minutes=1),
        to_municipality=True,
        to_gp=True,
        acting_user=ward,
    )
    return admitted_course


def _send(course, user, recipient, **extra):
    values = {
        "category": "nursing",
        "body": "Borgeren har tryksår på hælen.",
        "author_phone": "78450000",
        **extra,
    }
    return message_send(course=course, recipient=recipient, acting_user=user, **values)


def test_ward_writes_to_municipality_which_reads_replies_and_forwards_to_gp(
    consented, ward, visitator, gp, practice
):
    municipality = organisation_get("751")
    first = _send(
        consented, ward, municipality, attachments=[SimpleUploadedFile("sår.pdf", PDF, "application/pdf")]
    )

    assert (first.sender.code, first.activity, first.author_name) == (
        "AUH-ORT",
        "new-message",
        "Karen Sygeplejerske",
    )
    assert list(message_list_unread(actor=actor_for(user=visitator), organisation=municipality)) == [first]
    assert first.attachments.get().content_type == "application/pdf"

    message_mark_read(message=first, acting_user=visitator)
    assert not message_list_unread(actor=actor_for(user=visitator), organisation=municipality).exists()

    reply = message_reply(
        message=first, body="Vi sender sygeplejen.", author_phone="87130000", acting_user=visitator
    )
    forward = message_forward(
        message=reply,
        recipient=practice,
        body="Til orientering.",
        author_phone="87130000",
        acting_user=visitator,
    )

    assert (reply.thread, reply.previous, reply.recipient.code) == (first.thread, first, "AUH-ORT")
    assert (forward.activity, forward.previous, forward.recipient) == ("forward-message", reply, practice)
    assert message_list_unread(actor=actor_for(user=gp), organisation=practice).get() == forward
    assert MessageRead.objects.filter(message=first).count() == 2  # the sender's own and the municipality's


def test_message_to_an_organisation_without_relation_to_the_course_is_rejected(consented, ward):
    with pytest.raises(DomainError) as error:
        _send(consented, ward, organisation_get("730"))

    assert error.value.field == "recipient" and "tilknytning" in error.value.message
    assert not Thread.objects.exists() and not Message.objects.exists()


def test_hospital_shares_nothing_without_consent(admitted_course, ward):
    with pytest.raises(DomainError) as error:
        _send(admitted_course, ward, organisation_get("751"))
    assert error.value.code == "no_consent"
    assert not Thread.objects.exists()


def test_municipality_may_write_to_the_ward_without_consent(admitted_course, visitator):
    message = _send(admitted_course, visitator, organisation_get("AUH-ORT"))
    assert message.sender.code == "751"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        pytest.param({"author_phone": ""}, "author_phone", id="no-phone"),
        pytest.param({"body": "  "}, "body", id="no-text"),
        pytest.param({"category": "gossip"}, "category", id="unknown-category"),
        pytest.param({"category": "other"}, "topic", id="other-without-topic"),
    ],
)
def test_incomplete_message_is_rejected(consented, ward, values, field):
    with pytest.raises(DomainError) as error:
        _send(consented, ward, organisation_get("751"), **values)
    assert error.value.field == field
    assert not Thread.objects.exists()


def test_oversized_attachment_is_rejected_and_nothing_saved(consented, ward, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024
    big = SimpleUploadedFile("scan.pdf", PDF + b"0" * 2048, "application/pdf")

    with pytest.raises(DomainError) as error:
        _send(consented, ward, organisation_get("751"), attachments=[big])

    assert error.value.status_code == 413
    assert not Message.objects.exists() and not Attachment.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        pytest.param("virus.pdf", b"MZ\x90\x00 not a pdf", "application/pdf", id="exe-claiming-pdf"),
        pytest.param("notat.docx", b"PK\x03\x04 word", "application/vnd.openxmlformats", id="word-document"),
        pytest.param("billede.pdf", PNG, "application/pdf", id="png-claiming-pdf"),
    ],
)
def test_attachment_of_wrong_type_is_rejected_by_its_content(consented, ward, name, content, content_type):
    upload = SimpleUploadedFile(name, content, content_type)

    with pytest.raises(DomainError) as error:
        _send(consented, ward, organisation_get("751"), attachments=[upload])

    assert error.value.status_code == 415
    assert not Message.objects.exists()


def test_only_the_recipient_replies(consented, ward, gp):
    message = _send(consented, ward, organisation_get("751"))
    with pytest.raises(DomainError):
        message_reply(message=message, body="Svar", author_phone="1", acting_user=gp)


def test_the_municipality_does_not_read_the_hospitals_letters_to_the_gp(
    client, api_client, consented, ward, visitator, gp, practice
):
    """Correspondence is between its two parties: seeing the citizen is not reading every letter about them."""
    to_gp = _send(consented, ward, practice, body="Til lægen alene.")
    to_municipality = _send(consented, ward, organisation_get("751"), body="Til kommunen.")

    api_client.force_authenticate(visitator)
    listed = api_client.get(f"/api/v1/messages/?course={consented.pk}").json()["results"]
    assert [m["id"] for m in listed] == [to_municipality.pk]
    assert api_client.get(f"/api/v1/messages/{to_gp.pk}/").status_code == 404

    client.force_login(visitator)
    assert client.get(f"/korrespondance/{to_gp.thread_id}/").status_code == 404
    course_page = client.get(f"/forloeb/{consented.pk}/").content.decode()
    assert f"/korrespondance/{to_municipality.thread_id}/" in course_page
    assert f"/korrespondance/{to_gp.thread_id}/" not in course_page

    with pytest.raises(DomainError) as error:
        message_forward(
            message=to_gp,
            recipient=organisation_get("AUH-ORT"),
            body="Se her.",
            author_phone="1",
            acting_user=visitator,
        )
    assert error.value.status_code == 403
    assert Message.objects.count() == 2

    api_client.force_authenticate(gp)
    assert [m["id"] for m in api_client.get("/api/v1/messages/").json()["results"]] == [to_gp.pk]


def test_a_forward_shows_the_new_recipient_the_forward_not_the_thread_before_it(
    client, consented, ward, visitator, gp, practice
):
    first = _send(consented, ward, organisation_get("751"), body="Kun til kommunen.")
    forward = message_forward(
        message=first,
        recipient=practice,
        body="Til orientering.",
        author_phone="87130000",
        acting_user=visitator,
    )
    client.force_login(gp)

    page = client.get(f"/korrespondance/{first.thread_id}/").content.decode()

    assert "Til orientering." in page and "Kun til kommunen." not in page
    assert MessageRead.objects.filter(message=forward, organisation=practice).exists()


def test_opening_a_thread_reads_it_for_the_organisation_only_once(client, consented, ward, visitator):
    municipality = organisation_get("751")
    first = _send(consented, ward, municipality)
    second = message_forward(
        message=first, recipient=municipality, body="Husk svar.", author_phone="1", acting_user=ward
    )
    client.force_login(visitator)

    client.get(f"/korrespondance/{first.thread_id}/")
    read_at = MessageRead.objects.get(message=first, organisation=municipality).read_at
    client.get(f"/korrespondance/{first.thread_id}/")

    assert MessageRead.objects.filter(organisation=municipality, message__in=[first, second]).count() == 2
    assert MessageRead.objects.get(message=first, organisation=municipality).read_at == read_at
    assert not message_list_unread(actor=actor_for(user=visitator), organisation=municipality).exists()


@pytest.mark.parametrize("previous", ["abc", "", "999999"])
def test_a_reply_to_no_message_of_the_thread_is_404_not_an_error(
    client, consented, ward, visitator, previous
):
    first = _send(consented, ward, organisation_get("751"))
    client.force_login(visitator)

    response = client.post(
        f"/korrespondance/{first.thread_id}/",
        {"previous": previous, "activity": "reply", "body": "Svar", "author_phone": "87130000"},
    )

    assert response.status_code == 404
    assert Message.objects.count() == 1


def test_the_course_timeline_shows_each_party_only_its_own_letters(
    client, consented, ward, visitator, practice
):
    _send(consented, ward, practice, category="other", topic="Misbrug")
    _send(consented, ward, organisation_get("751"), category="other", topic="Rollator")

    client.force_login(visitator)
    municipal = client.get(f"/forloeb/{consented.pk}/").content.decode()
    client.force_login(ward)
    hospital = client.get(f"/forloeb/{consented.pk}/").content.decode()

    assert "Korrespondance sendt" in municipal and "(Rollator) til Aarhus" in municipal
    assert "Misbrug" not in municipal
    assert "(Misbrug) til Lægerne" in hospital and "(Rollator) til Aarhus" in hospital
    assert "Karen Sygeplejerske, Aarhus Universitetshospital" in hospital
