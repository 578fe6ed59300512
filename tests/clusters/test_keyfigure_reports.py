"""The twice-yearly report: created by the beat on 1 April and 1 October for every cluster and municipality,
rendered to a PDF a steering group can open, and ordered on demand with its progress shown."""

import io
from datetime import date, datetime

import pytest
import time_machine
from django.core import mail
from django.test import Client
from pypdf import PdfReader

from clusters.keyfigures.refresh import keyfigures_rebuild
from clusters.models import KeyFigureReport
from clusters.tasks import semiannual_reports
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.workdays import TZ
from tests.factories.citizens import CitizenFactory, CourseFactory
from tests.factories.discharge import local
from tests.factories.organisations import organisation_get

pytestmark = pytest.mark.django_db


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_on_1_april_the_beat_renders_last_half_years_report_for_every_cluster_and_municipality(
    make_member,
) -> None:
    steering = make_member("steering_group", "klynge-aarhus", email="styregruppe@example.dk")
    for day in range(1, 12):
        CourseFactory(
            citizen=CitizenFactory(municipality=organisation_get("751")), admitted_at=local(2026, 11, day)
        )
    keyfigures_rebuild(first=date(2026, 7, 1), last=date(2026, 12, 1), today=date(2026, 12, 31))

    with time_machine.travel(datetime(2027, 3, 31, 6, 15, tzinfo=TZ), tick=False):
        semiannual_reports()
    assert not KeyFigureReport.objects.filter(period="2026-H2").exists()  # 31 March: not yet

    with time_machine.travel(datetime(2027, 4, 1, 6, 15, tzinfo=TZ), tick=False):
        semiannual_reports()
        semiannual_reports()  # delivered twice: nothing more

    units = Organisation.objects.filter(
        kind__in=["cluster", "municipality"], is_external=False, is_active=True
    )
    reports = KeyFigureReport.objects.filter(period="2026-H2", origin="semiannual")
    assert reports.count() == units.count()
    assert set(reports.values_list("state", flat=True)) == {"done"}
    report = reports.get(unit__code="klynge-aarhus")
    assert report.pdf is not None
    text = _pdf_text(bytes(report.pdf))
    assert "Nøgletal: Klynge Aarhus" in text
    assert "2. halvår 2026" in text
    assert "Indlæggelser" in text and "11" in text
    assert "Færdigbehandlede sengedage" in text
    sent = [m for m in mail.outbox if m.subject == "Nøgletalsrapport klar: Klynge Aarhus, 2. halvår 2026"]
    assert [m.to for m in sent] == [[steering.email]]
    assert "Indlæggelser" not in sent[0].body  # where to find it, never figures in an e-mail


def test_a_report_ordered_on_the_dashboard_shows_progress_and_downloads_as_pdf(
    make_member, django_capture_on_commit_callbacks
) -> None:
    client = Client()
    client.force_login(make_member("steering_group", "klynge-aarhus"))

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post("/noegletal/rapporter/bestil/", {"enhed": "751", "periode": "2026-Q3"})

    report = KeyFigureReport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/noegletal/rapporter/{report.pk}/"
    waiting = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert "<progress" in waiting and 'hx-trigger="every 2s"' in waiting
    for callback in callbacks:  # the worker takes the task once the order is committed
        callback()
    done = client.get(response["Location"], headers={"HX-Request": "true"})
    assert "Rapporten er klar." in done.content.decode() and "every 2s" not in done.content.decode()
    pdf = client.get(f"/noegletal/rapporter/{report.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    assert "Nøgletal: Aarhus" in _pdf_text(pdf.content)
    bad = client.post("/noegletal/rapporter/bestil/", {"enhed": "751", "periode": "2026-Q5"})
    assert bad.status_code == 302 and KeyFigureReport.objects.count() == 1
