"""The PDF of each plan type: rendered by the task, cached per version, with the right annex letters."""

import io
from typing import Any

import pytest
from pypdf import PdfReader

from rehab.models import PlanPdf, PlanType
from rehab.services import plan_correct, plan_finalise
from tests.factories.rehab import plan_written


def _text(pdf: PlanPdf) -> str:
    pdf.file.open("rb")
    try:
        reader = PdfReader(io.BytesIO(pdf.file.read()))
    finally:
        pdf.file.close()
    # line breaks fall where the layout puts them: compare with whitespace collapsed
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize(
    ("plan_type", "present", "absent"),
    [
        pytest.param(
            PlanType.GENERAL,
            [
                "Informationsbrev vedr. almindelig ambulant genoptræning",
                "Senest 3 hverdage efter din kommune har modtaget din genoptræningsplan",
                "Almen genoptræning (ZZ0175X)",
            ],
            ["Indkaldelsesbrev", "egen træning"],
            id="general-3.6",
        ),
        pytest.param(
            PlanType.SPECIALISED,
            [
                "Information vedr. specialiseret ambulant genoptræning",
                "Indkaldelsesbrev til specialiseret ambulant genoptræning",
                "Der er frit sygehusvalg i Danmark",
                "Tværfagligt samarbejde på speciallægeniveau",
            ],
            ["Informationsbrev vedr. almindelig", "egen træning efter indlæggelse"],
            id="specialised-3.7-3.8",
        ),
        pytest.param(
            PlanType.SELF_TRAINING,
            [
                "Informationsbrev vedr. egen træning efter indlæggelse",
                "du selv kan varetage genoptræningen",
                "Egentræning efter instruks fra hospital (ZZ0175Z)",
            ],
            ["Indkaldelsesbrev", "uden genoptræningsplan"],
            id="self-training-3.9",
        ),
    ],
)
def test_pdf_has_the_plan_and_the_letters_of_its_type(
    course, therapist, django_capture_on_commit_callbacks, plan_type, present, absent
):
    with django_capture_on_commit_callbacks(execute=True):
        plan = plan_written(course=course, author=therapist, plan_type=plan_type)
    pdf = PlanPdf.objects.get(version=plan.final)
    assert pdf.state == PlanPdf.State.READY
    text = _text(pdf)
    for expected in [
        "Genoptræningsplan",
        "Grethe Hansen",
        "S72.0",
        "Kroppens funktioner",
        "Aktivitet og deltagelse",
        "Omgivelsesfaktorer",
        "BLHA",
        "Timed Up and Go",
        "Fysioterapeut Anna Berg",
        "Rollator",
        *present,
    ]:
        assert expected in text, expected
    for unexpected in absent:
        assert unexpected not in text, unexpected


def test_pdf_is_tagged_a4_and_danish(course, therapist, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        plan = plan_written(course=course, author=therapist)
    pdf = PlanPdf.objects.get(version=plan.final)
    pdf.file.open("rb")
    reader = PdfReader(io.BytesIO(pdf.file.read()))
    pdf.file.close()
    root: Any = reader.trailer["/Root"]
    assert root["/Lang"] == "da"
    assert "/StructTreeRoot" in root
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_a_correction_gets_its_own_pdf_and_the_old_one_stays(
    course, therapist, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        plan = plan_written(course=course, author=therapist)
        first = plan.final
        second = plan_correct(plan=plan, reason="Ny diagnose", acting_user=therapist)
        second.diagnosis_code, second.diagnosis_text = "S72.1", "Pertrokantært brud"
        second.save()
        plan_finalise(version=second, acting_user=therapist)
    assert "S72.0" in _text(PlanPdf.objects.get(version=first))
    assert "S72.1" in _text(PlanPdf.objects.get(version=second))


def test_pdf_view_shows_progress_then_serves_the_file(client, course, therapist, settings):
    # given a finalised plan whose PDF has not been rendered (the commit hook did not run)
    plan = plan_written(course=course, author=therapist)
    client.force_login(therapist)
    url = f"/genoptraening/plan/{plan.pk}/v1/pdf/"
    PlanPdf.objects.filter(version=plan.final).update(state=PlanPdf.State.PENDING)
    settings.CELERY_TASK_ALWAYS_EAGER = True
    # when the page is opened the task is enqueued (eager in tests) and the status is shown
    poll = client.get(url, headers={"HX-Request": "true"})
    assert "PDF&#x27;en dannes" in poll.content.decode() or "PDF'en dannes" in poll.content.decode()
    page = client.get(url)
    assert "Hent PDF" in page.content.decode()
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"


def test_pending_page_polls_every_two_seconds(client, course, therapist, monkeypatch):
    plan = plan_written(course=course, author=therapist)
    monkeypatch.setattr("rehab.views.ward.plan_pdf_render_later", lambda version_id: None)
    client.force_login(therapist)
    body = client.get(f"/genoptraening/plan/{plan.pk}/v1/pdf/").content.decode()
    assert "PDF&#x27;en dannes" in body or "PDF'en dannes" in body
    assert 'hx-trigger="every 2s"' in body and f'href="/genoptraening/plan/{plan.pk}/v1/pdf/"' in body


def test_letter_3_10_for_self_training_without_a_plan(client, therapist):
    # given a therapist on AUH-ORT
    client.force_login(therapist)
    from sundhedsaftale.organisations.models import Organisation

    department = Organisation.objects.get(code="AUH-ORT")
    url = f"/genoptraening/afdeling/{department.pk}/bilag-3-10.pdf"
    # when the page is opened the letter is rendered (eagerly in tests) and then served from the cache
    first = client.get(url)
    assert first.status_code == 200
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(
        " ".join(
            page.extract_text() for page in PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages
        ).split()
    )
    assert "Du har derfor ikke fået udleveret en genoptræningsplan" in text
    assert "Aarhus Universitetshospital" in text
