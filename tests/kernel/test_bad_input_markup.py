"""HTML and script in every free-text field is shown escaped. The walk sets each free-text column of one of
every record (``tests/citizen_records.records_create``) to markup marked with the field's number, then reads
every citizen-data endpoint of ``tests/citizen_endpoints.py`` as each party: the pages show the escaped form
and never the raw tags, and the API gives the text back unchanged as JSON data."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable
from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader
from rest_framework.test import APIClient

from admissions.models import Message
from admissions.services import consent_record
from rehab.models import PlanPdf, PlanVersion
from rehab.services import plan_pdf_render
from sundhedsaftale.citizens.models import Citizen
from tests.citizen_endpoints import ENDPOINTS, Endpoint, url_for
from tests.citizen_records import records_create
from tests.factories import CitizenFactory, CourseFactory, PracticeFactory, member

pytestmark = pytest.mark.django_db

PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(1)>\"'&"
RAW = ("<script>alert(1)", "<img src=x onerror")
ESCAPED_MARK = re.compile(
    r"M(\d+):&lt;script&gt;alert\(1\)&lt;/script&gt;&lt;img src=x onerror=alert\(1\)&gt;"
)
APPS = ("admissions", "aids", "discharge", "rehab", "prevention", "psychiatry", "citizens", "deadlines")
READERS = ("ward_staff", "visitation", "gp", "integration")
# the lists that show the records' texts, beside the citizen-data endpoints of the matrix
INBOXES = (
    ("/kommune/indbakke/", "visitation"),
    ("/praksis/", "gp"),
    ("/genoptraening/indbakke/", "visitation"),
    ("/psykiatri/indbakke/", "visitation"),
    ("/advarsler/", "ward_staff"),
)
# the texts people write most, which must be on a page (so the walk is known to reach them)
MUST_SHOW = {
    "admissions.Message.body",
    "admissions.InformationRequest.question",
    "discharge.DischargeNotice.destination",
    "discharge.DischargePlan.note",
    "discharge.DischargeNotification.text",
    "discharge.MunicipalReply.reason",
    "rehab.PlanVersion.need_activity",
    "aids.AidNeed.why",
    "psychiatry.PsychiatricCourse.relatives_wishes",
    "prevention.Referral.reason",
}


def free_text_fields(of: Iterable[type[models.Model]] | None = None) -> list[models.Field[Any, Any]]:
    """Every column people or clients write as free text in the models ``of`` (default: those of ``APPS``):
    text and char columns without choices that can hold the marked payload (codes, identifiers and file paths
    are not free text)."""
    found = []
    for model in of if of is not None else apps.get_models():
        if of is None and model._meta.app_label not in APPS:
            continue
        keys = {
            name
            for c in model._meta.constraints
            if isinstance(c, models.UniqueConstraint)
            for name in c.fields
        }
        keys |= {name for names in model._meta.unique_together for name in names}
        for field in model._meta.concrete_fields:
            if type(field) not in (models.TextField, models.CharField):
                continue
            if field.choices or field.unique or field.primary_key or field.name in keys:
                continue
            if field.max_length is not None and field.max_length < len(PAYLOAD) + 8:
                continue
            found.append(field)
    return found


@pytest.fixture
def anna(db: None) -> Citizen:
    citizen = CitizenFactory.create(name="Anna Markupsen", gp_practice=PracticeFactory.create())
    CourseFactory.create(citizen=citizen, at="AUH-ORT")
    records_create(citizen)
    return citizen


@pytest.fixture
def marked(anna: Citizen) -> dict[int, str]:
    """Set every free-text column of every row to ``M<n>:`` + the payload; return n → field label."""
    labels = {}
    for n, field in enumerate(free_text_fields()):
        model = field.model
        if model is Citizen:
            continue  # the citizen's name and address are master data from the CPR register
        if model._default_manager.update(**{field.attname: f"M{n}:{PAYLOAD}"}):
            labels[n] = f"{model._meta.label}.{field.name}"
    return labels


def _client(role: str, anna: Citizen) -> Client:
    code = anna.gp_practice.code if role == "gp" else None  # type: ignore[union-attr]
    client = Client()
    client.force_login(member(role, code))
    return client


def _json_strings(data: Any) -> list[str]:
    if isinstance(data, dict):
        return [s for value in data.values() for s in _json_strings(value)]
    if isinstance(data, list):
        return [s for value in data for s in _json_strings(value)]
    return [data] if isinstance(data, str) else []


def _roles(endpoint: Endpoint) -> tuple[str, ...]:
    allowed = endpoint.readers or endpoint.roles or frozenset(READERS)
    return tuple(role for role in READERS if role in allowed)


def test_the_walk_finds_the_free_text_fields() -> None:
    # guard: a walk that finds nothing would make the test below check nothing
    names = {f"{f.model._meta.label}.{f.name}" for f in free_text_fields()}
    assert len(names) > 30
    assert "admissions.Message.body" in names
    assert "admissions.InformationRequest.question" in names


def test_markup_in_every_free_text_field_is_shown_escaped(anna: Citizen, marked: dict[int, str]) -> None:
    clients = {role: _client(role, anna) for role in READERS}
    reads = [
        (endpoint.id, url, role)
        for endpoint in ENDPOINTS
        if endpoint.kind != "lookup" and (url := url_for(endpoint, anna)) is not None
        for role in _roles(endpoint)
    ]
    reads += [(url, url, role) for url, role in INBOXES]
    raw: list[str] = []
    unchanged: list[str] = []
    html_shown: set[int] = set()
    api_shown: set[int] = set()
    for name, url, role in reads:
        response = clients[role].get(url)
        content_type = response.get("Content-Type", "")
        if response.status_code != 200 or not content_type.startswith(("text/html", "application/json")):
            continue
        body = response.content.decode()
        if content_type.startswith("text/html"):
            if any(tag in body for tag in RAW):
                raw.append(f"{name} as {role}")
            html_shown.update(int(n) for n in ESCAPED_MARK.findall(body))
        else:
            # the API gives the text back as it was written: JSON data, not HTML
            for text in _json_strings(json.loads(body)):
                for n in map(int, re.findall(r"M(\d+):", text)):
                    api_shown.add(n)
                    if f"M{n}:{PAYLOAD}" not in text:
                        unchanged.append(f"{name}: {marked.get(n)} as {text!r}")
    assert raw == []
    assert unchanged == []
    assert MUST_SHOW - {marked[n] for n in html_shown if n in marked} == set()
    assert len(api_shown) > 30


def test_markup_written_through_the_api_comes_back_unchanged_and_is_shown_escaped(db: None) -> None:
    # given an admitted citizen who has consented to both parties, and the ward and the GP as API clients
    anna = CitizenFactory.create(name="Anna Markupsen", gp_practice=PracticeFactory.create())
    course = CourseFactory.create(citizen=anna, at="AUH-ORT")
    consent_record(
        course=course,
        given_by="citizen",
        given_at=timezone.now(),
        to_municipality=True,
        to_gp=True,
        acting_user=member("ward_staff", "AUH-ORT"),
    )
    ward, gp = APIClient(), APIClient()
    ward.force_authenticate(member("ward_staff", "AUH-ORT"))
    gp.force_authenticate(member("gp", anna.gp_practice.code))  # type: ignore[union-attr]
    # when the ward writes a message and asks the GP a question, and the GP replies, all in markup
    message = ward.post(
        "/api/v1/messages/",
        {
            "course": course.pk,
            "category": "medicine",
            "recipient": anna.municipality.code,
            "body": PAYLOAD,
            "author_phone": "78450000",
        },
        format="json",
    )
    assert message.status_code == 201, message.json()
    question = ward.post(
        "/api/v1/information-requests/",
        {"course": course.pk, "recipient": anna.gp_practice.code, "question": PAYLOAD},  # type: ignore[union-attr]
        format="json",
    )
    assert question.status_code == 201, question.json()
    request_id = question.json()["id"]
    reply = gp.post(f"/api/v1/information-requests/{request_id}/reply/", {"reply": PAYLOAD}, format="json")
    assert reply.status_code == 200, reply.json()
    # then the API gives each text back as it was written
    assert ward.get(f"/api/v1/messages/{message.json()['id']}/").json()["body"] == PAYLOAD
    assert ward.get(f"/api/v1/information-requests/{request_id}/").json()["question"] == PAYLOAD
    assert PAYLOAD in _json_strings(ward.get(f"/api/v1/information-requests/{request_id}/").json())
    # and the thread and the information request's page show it escaped; no page shows it raw
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&quot;&#x27;&amp;"
    thread = Message.objects.get(pk=message.json()["id"]).thread_id
    pages = [
        ("ward_staff", f"/forloeb/{course.pk}/", 0),
        ("visitation", "/kommune/indbakke/", 0),
        ("ward_staff", f"/korrespondance/{thread}/", 1),
        ("visitation", f"/korrespondance/{thread}/", 1),
        ("ward_staff", f"/forespoergsel/{request_id}/", 2),
        ("gp", f"/forespoergsel/{request_id}/", 2),
        ("gp", "/praksis/", 0),
    ]
    for role, url, at_least in pages:
        body = _client(role, anna).get(url).content.decode()
        assert not any(tag in body for tag in RAW), (role, url)
        assert body.count(escaped) >= at_least, (role, url, body.count(escaped))


def test_markup_in_the_rehab_plan_is_printed_literally_in_its_pdf(
    anna: Citizen, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    # given a final rehab plan whose free texts hold markup
    version = (
        PlanVersion.objects.filter(plan__course__citizen=anna)
        .filter(state=PlanVersion.State.FINAL)
        .latest("pk")
    )
    PlanVersion.objects.filter(pk=version.pk).update(need_activity=PAYLOAD, practical_info=PAYLOAD)
    PlanPdf.objects.filter(version=version).delete()
    # when its PDF is rendered
    pdf = plan_pdf_render(version_id=version.pk)
    assert pdf is not None
    # then the PDF shows the text as written (the markup is text, not HTML that was interpreted)
    pdf.file.open("rb")
    try:
        reader = PdfReader(io.BytesIO(pdf.file.read()))
    finally:
        pdf.file.close()
    text = "".join("".join(page.extract_text() for page in reader.pages).split())
    assert text.count("".join(PAYLOAD.split())) >= 2
    assert "&lt;" not in text
