"""The PDF of each plan type: rendered by the task, cached per version, with the right annex letters."""

import io
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from pypdf import PdfReader

from rehab.models import PlanPdf, PlanType
from rehab.services import plan_correct, plan_finalise, plan_pdf_render
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
def _media(settings, tmp_path):
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
    course_discharged_before_easter, therapist, django_capture_on_commit_callbacks, plan_type, present, absent
):
    with django_capture_on_commit_callbacks(execute=True):
        plan = plan_written(course=course_discharged_before_easter, author=therapist, plan_type=plan_type)
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


def test_pdf_is_tagged_a4_and_danish(
    course_discharged_before_easter, therapist, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        plan = plan_written(course=course_discharged_before_easter, author=therapist)
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
    course_discharged_before_easter, therapist, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        plan = plan_written(course=course_discharged_before_easter, author=therapist)
        first = plan.final
        second = plan_correct(plan=plan, reason="Ny diagnose", acting_user=therapist)
        second.diagnosis_code, second.diagnosis_text = "S72.1", "Pertrokantært brud"
        second.save()
        plan_finalise(version=second, acting_user=therapist)
    assert "S72.0" in _text(PlanPdf.objects.get(version=first))
    assert "S72.1" in _text(PlanPdf.objects.get(version=second))


def _served_text(response: Any) -> str:
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_pdf_view_shows_progress_then_serves_the_file(
    client, course_discharged_before_easter, therapist, django_capture_on_commit_callbacks
):
    # given a finalised plan whose PDF is being rendered (the commit hook did not run)
    plan = plan_written(course=course_discharged_before_easter, author=therapist)
    client.force_login(therapist)
    url = f"/genoptraening/plan/{plan.pk}/v1/pdf/"
    # when the page is opened (and polled by htmx) the progress is shown
    poll = client.get(url, headers={"HX-Request": "true"})
    assert "PDF&#x27;en dannes" in poll.content.decode() or "PDF'en dannes" in poll.content.decode()
    # when the rendering is asked for (again) it is rendered once the request has committed (eager here)
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post(url)
    assert asked.status_code == 302 and asked["Location"] == url
    # then the page offers the PDF, and the PDF is the plan
    page = client.get(url, headers={"HX-Request": "true"})
    assert "Hent PDF" in page.content.decode()
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert "Grethe Hansen" in _served_text(response)


def test_a_final_version_without_a_pdf_offers_a_button_that_renders_it(
    client, course_discharged_before_easter, therapist, django_capture_on_commit_callbacks
):
    # given a final version whose PDF was never asked for
    plan = plan_written(course=course_discharged_before_easter, author=therapist)
    PlanPdf.objects.filter(version=plan.final).delete()
    client.force_login(therapist)
    url = f"/genoptraening/plan/{plan.pk}/v1/pdf/"
    # when the page is opened it shows a button (a form posting here), not a rendering started behind the scenes
    body = client.get(url).content.decode()
    assert "Dan PDF" in body and f'<form method="post" action="{url}"' in body
    assert "csrfmiddlewaretoken" in body
    assert not PlanPdf.objects.filter(version=plan.final).exists()
    # when the button is pressed with htmx, the status fragment is swapped in and the PDF is rendered
    with django_capture_on_commit_callbacks(execute=True):
        fragment = client.post(url, headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and 'id="pdf-status"' in fragment.content.decode()
    assert "S72.0" in _served_text(client.get(url))


def test_a_get_never_creates_or_resets_the_pdf(client, course_discharged_before_easter, therapist):
    # given final versions with no PDF row, a failed one, a pending one and one pending too long
    missing = plan_written(course=course_discharged_before_easter, author=therapist)
    PlanPdf.objects.filter(version=missing.final).delete()
    failed = plan_written(course=course_discharged_before_easter, author=therapist)
    PlanPdf.objects.filter(version=failed.final).update(
        state=PlanPdf.State.FAILED, error="WeasyPrint gik ned"
    )
    pending = plan_written(course=course_discharged_before_easter, author=therapist)
    stalled = plan_written(course=course_discharged_before_easter, author=therapist)
    PlanPdf.objects.filter(version=stalled.final).update(requested_at=timezone.now() - timedelta(minutes=6))
    before = list(PlanPdf.objects.order_by("pk").values_list("pk", "state", "error", "requested_at"))
    client.force_login(therapist)
    # when every page (plain and htmx poll) is opened
    bodies = {}
    for plan in (missing, failed, pending, stalled):
        url = f"/genoptraening/plan/{plan.pk}/v1/pdf/"
        client.get(url, headers={"HX-Request": "true"})
        bodies[plan.pk] = client.get(url).content.decode()
    # then no PDF row is created, reset or asked for again
    assert list(PlanPdf.objects.order_by("pk").values_list("pk", "state", "error", "requested_at")) == before
    # and each page says where the PDF stands
    assert "Dan PDF" in bodies[missing.pk]
    assert "WeasyPrint gik ned" in bodies[failed.pk] and "Prøv igen" in bodies[failed.pk]
    assert "dannes" in bodies[pending.pk] and "Prøv igen" not in bodies[pending.pk]
    assert "længere tid end ventet" in bodies[stalled.pk] and "Prøv igen" in bodies[stalled.pk]


def test_a_failed_rendering_is_shown_and_a_new_attempt_produces_the_pdf(
    client, course_discharged_before_easter, therapist, monkeypatch, django_capture_on_commit_callbacks
):
    # given a finalised plan whose rendering fails
    from rehab import pdf as rendering

    real = rendering.plan_pdf_bytes

    def broken(**kwargs: Any) -> bytes:
        raise ValueError("Skrifttypen mangler")

    plan = plan_written(course=course_discharged_before_easter, author=therapist)
    final = plan.versions.get(number=1)
    monkeypatch.setattr(rendering, "plan_pdf_bytes", broken)
    with pytest.raises(ValueError):
        plan_pdf_render(version_id=final.pk)
    # when the page is opened it shows the failure and offers a new attempt
    client.force_login(therapist)
    url = f"/genoptraening/plan/{plan.pk}/v1/pdf/"
    body = client.get(url).content.decode()
    assert "kunne ikke dannes: Skrifttypen mangler" in body and "Prøv igen" in body
    # when the rendering works again and the user presses "Prøv igen"
    monkeypatch.setattr(rendering, "plan_pdf_bytes", real)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    # then the PDF is served
    assert "Grethe Hansen" in _served_text(client.get(url))


def test_the_task_delegates_to_the_service_and_running_it_twice_renders_once(
    course_discharged_before_easter, therapist, monkeypatch
):
    # given a finalised plan whose PDF waits (the commit hook did not run)
    final = plan_written(course=course_discharged_before_easter, author=therapist).versions.get(number=1)
    from rehab import pdf as rendering
    from rehab import services
    from rehab.tasks import render_plan_pdf

    rendered: list[int] = []
    real_bytes, real_render = rendering.plan_pdf_bytes, services.plan_pdf_render

    def counting_bytes(**kwargs: Any) -> bytes:
        rendered.append(kwargs["version"].pk)
        return real_bytes(**kwargs)

    calls: list[int] = []

    def spying_render(*, version_id: int) -> PlanPdf | None:
        calls.append(version_id)
        return real_render(version_id=version_id)

    monkeypatch.setattr(rendering, "plan_pdf_bytes", counting_bytes)
    monkeypatch.setattr(services, "plan_pdf_render", spying_render)
    # when the task runs twice (a duplicate message, the periodic pick-up)
    render_plan_pdf(final.pk)
    render_plan_pdf(final.pk)
    # then it handed the id to the service both times, and the PDF was rendered once
    assert calls == [final.pk, final.pk]
    assert rendered == [final.pk]
    pdf = PlanPdf.objects.get(version=final)
    assert pdf.state == PlanPdf.State.READY and "Grethe Hansen" in _text(pdf)


def test_pending_page_polls_every_two_seconds(client, course_discharged_before_easter, therapist):
    plan = plan_written(course=course_discharged_before_easter, author=therapist)
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
