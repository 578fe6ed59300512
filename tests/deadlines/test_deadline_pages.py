"""The HTML side: the public "Frister" page and PDF, the alert inbox with its live count, the timeline."""

import io
from datetime import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from sundhedsaftale.access.models import AccessLog
from sundhedsaftale.deadlines.models import Alert, CalendarConventions, Deadline
from sundhedsaftale.rules import CATALOGUE
from sundhedsaftale.workdays import TZ
from tests.factories import CitizenFactory, CourseFactory, member, organisation_get
from tests.factories.deadlines import AlertFactory, DeadlineFactory

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def deadline() -> Deadline:
    course = CourseFactory.create(at="AUH-ORT", citizen=CitizenFactory.create(name="Karen Advarselsen"))
    return DeadlineFactory.create(course=course, due_at=datetime(2025, 4, 14, 23, 59, 59, tzinfo=TZ))


@pytest.fixture
def alert(deadline: Deadline) -> Alert:
    return AlertFactory.create(
        deadline=deadline, organisation=organisation_get("751"), kind=Alert.Kind.BREACH
    )


def test_the_frister_page_is_public_and_lists_every_rule_with_its_source() -> None:
    response = Client().get("/frister/")

    assert response.status_code == 200
    html = response.content.decode()
    for candidate in CATALOGUE:
        assert candidate.title in html
        for rule in candidate.rules.values():
            assert rule.title in html
            assert rule.source_text in html
            assert rule.source_section.split(",")[0] in html
    assert "3 hverdage før" in html
    assert "Samme dag senest kl. 13.00" in html
    assert "Kl. 08.00 hverdagen før fristen" in html


def test_the_frister_page_labels_the_product_conventions() -> None:
    """Issue 10: conventions not in the texts (24 and 31 December and Grundlovsdag closed, 1 May open, moving a
    deadline off a closed day) are labelled as such; l. 1543 "senest 14 dage før udskrivning" is days, not moved."""
    html = Client().get("/frister/").content.decode()

    assert "Produktkonventioner (står ikke i aftaleteksterne)" in html
    assert "flyttes den til forrige hverdag (produktkonvention)" in html
    assert "14 kalenderdage før; flyttes ikke, heller ikke fra en fridag" in html


def test_the_frister_page_shows_each_convention_on_or_off_for_the_region() -> None:
    CalendarConventions.objects.create(region=organisation_get("1082"), christmas_eve_closed=False)

    html = " ".join(Client().get("/frister/").content.decode().split())

    assert "Konventionerne i Region Midtjylland" in html
    assert '<th scope="row">Juleaftensdag (24. december) er fridag</th><td>Fra</td>' in html
    assert '<th scope="row">Nytårsaftensdag (31. december) er fridag</th><td>Til</td>' in html
    assert '<th scope="row">Frister, der falder på en fridag, flyttes til en hverdag</th><td>Til</td>' in html


def test_the_pixi_edition_names_a_convention_the_region_switched_off() -> None:
    CalendarConventions.objects.create(region=organisation_get("1082"), move_off_closed_days=False)

    reader = PdfReader(io.BytesIO(Client().get("/frister.pdf").content))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)

    assert "Slået fra i regionen: Frister, der falder på en fridag, flyttes til en hverdag." in text


def test_the_pixi_edition_is_a_public_tagged_pdf() -> None:
    response = Client().get("/frister.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert "Frister" in text
    assert "Produktkonventioner (står ikke i aftaleteksterne)" in text
    for rule in CATALOGUE[0].rules.values():
        assert rule.title in text
    root = reader.root_object
    assert root["/Lang"] == "da"
    assert "/StructTreeRoot" in root  # tagged for screen readers
    assert reader.metadata is not None and reader.metadata.title == "Frister – pixi-udgave"


def test_the_pixi_edition_is_a_pocket_card_on_one_a5_sheet_without_rule_codes() -> None:
    reader = PdfReader(io.BytesIO(Client().get("/frister.pdf").content))

    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    box = reader.pages[0].mediabox
    assert len(reader.pages) <= 2  # one sheet, folded: front and back at most
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (148, 210)  # A5
    assert "discharge.home_care" not in text and ".txt" not in text
    assert "3 hverdage før · planlagt udskrivningsdato" in text and "2008" in text and "2021" in text


def test_the_inbox_shows_the_rule_title_local_due_time_and_the_citizen(alert: Alert) -> None:
    user = member("visitation", "751")

    response = logged_in(user).get("/advarsler/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Varsling ved behov for hjemmepleje og omfattende sygepleje" in html
    assert "14.04.2025 kl. 23.59" in html
    assert "Karen Advarselsen" in html
    assert f'href="{reverse("citizen-detail", args=[alert.deadline.citizen_id])}"' in html
    assert AccessLog.objects.filter(user=user, citizen=alert.deadline.citizen, action="list").exists()


def test_the_inbox_of_another_organisation_does_not_show_the_alert(alert: Alert) -> None:
    html = logged_in(member("visitation", "730")).get("/advarsler/").content.decode()

    assert "Karen Advarselsen" not in html
    assert "Ingen advarsler." in html


def test_steering_groups_never_see_names(deadline: Deadline) -> None:
    # given a deadline of the cluster itself (no citizen; a steering group sees no citizen anyway)
    cluster = organisation_get("klynge-aarhus")
    Deadline.objects.filter(pk=deadline.pk).update(responsible=cluster, counterpart=None, citizen=None)
    AlertFactory.create(deadline=deadline, organisation=cluster)

    html = logged_in(member("steering_group", "klynge-aarhus")).get("/advarsler/").content.decode()

    assert "Varsling ved behov for hjemmepleje" in html
    assert "Borger</th>" not in html


def test_the_inbox_filters_by_state_kind_and_rule(alert: Alert) -> None:
    client = logged_in(member("visitation", "751"))

    assert "Karen Advarselsen" in client.get("/advarsler/?kind=breach").content.decode()
    assert "Karen Advarselsen" not in client.get("/advarsler/?kind=warning").content.decode()
    assert "Karen Advarselsen" not in client.get("/advarsler/?rule=discharge.housing").content.decode()
    assert "Karen Advarselsen" not in client.get("/advarsler/?state=acknowledged").content.decode()
    assert "Karen Advarselsen" in client.get("/advarsler/?state=all").content.decode()


def test_htmx_gets_only_the_rows(alert: Alert) -> None:
    response = logged_in(member("visitation", "751")).get("/advarsler/?state=all", headers=HTMX)

    html = response.content.decode()
    assert f'id="alert-{alert.pk}"' in html
    assert "<html" not in html


def test_acknowledge_without_javascript_redirects_back(alert: Alert) -> None:
    user = member("visitation", "751")

    response = logged_in(user).post(f"/advarsler/{alert.pk}/kvitter/", {"next": "/advarsler/?state=all"})

    assert response.status_code == 302
    assert response["Location"] == "/advarsler/?state=all"
    alert.refresh_from_db()
    assert alert.acknowledged_by == user


def test_acknowledge_refuses_to_redirect_elsewhere(alert: Alert) -> None:
    response = logged_in(member("visitation", "751")).post(
        f"/advarsler/{alert.pk}/kvitter/", {"next": "https://evil.example/"}
    )

    assert response["Location"] == "/advarsler/"


def test_acknowledge_with_htmx_swaps_the_row_and_announces_the_change(alert: Alert) -> None:
    response = logged_in(member("visitation", "751")).post(f"/advarsler/{alert.pk}/kvitter/", headers=HTMX)

    assert response.status_code == 200
    assert response["HX-Trigger"] == "alerts-changed"
    html = response.content.decode()
    assert html.strip().startswith(f'<tr id="alert-{alert.pk}"')
    assert "Kvitteret" in html


def test_assign_to_me(alert: Alert) -> None:
    user = member("visitation", "751", first_name="Mette", last_name="Visitator")

    response = logged_in(user).post(f"/advarsler/{alert.pk}/tildel/", headers=HTMX)

    assert "Mette Visitator" in response.content.decode()
    alert.refresh_from_db()
    assert alert.assigned_to == user


def test_a_foreign_alert_cannot_be_acknowledged(alert: Alert) -> None:
    response = logged_in(member("visitation", "730")).post(f"/advarsler/{alert.pk}/kvitter/")

    assert response.status_code == 404
    alert.refresh_from_db()
    assert alert.acknowledged_at is None


def test_the_header_shows_the_live_count(alert: Alert) -> None:
    client = logged_in(member("visitation", "751"))

    nav = client.get("/").content.decode()
    count = client.get("/advarsler/antal/", headers=HTMX).content.decode()
    client.post(f"/advarsler/{alert.pk}/kvitter/")
    after = client.get("/advarsler/antal/", headers=HTMX).content.decode()

    assert 'href="/advarsler/"' in nav
    assert 'hx-get="/advarsler/antal/"' in nav
    assert ">1</span>" in nav
    assert ">1</span>" in count
    assert ">0</span>" in after


def test_the_inbox_needs_a_login() -> None:
    assert Client().get("/advarsler/").status_code == 302


def test_the_citizen_timeline_is_a_logged_partial(deadline: Deadline) -> None:
    user = member("ward_staff", "AUH-ORT")

    response = logged_in(user).get(f"/frister/borger/{deadline.citizen_id}/", headers=HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "Varsling ved behov for hjemmepleje og omfattende sygepleje" in html
    assert "14.04.2025 kl. 23.59" in html
    assert AccessLog.objects.filter(user=user, citizen=deadline.citizen, what="Frister (tidslinje)").exists()


def test_the_citizen_timeline_is_a_full_page_without_htmx(deadline: Deadline) -> None:
    html = (
        logged_in(member("visitation", "751")).get(f"/frister/borger/{deadline.citizen_id}/").content.decode()
    )

    assert "<html" in html
    assert "Karen Advarselsen" in html


def test_a_foreign_citizens_timeline_is_404(deadline: Deadline) -> None:
    user = member("visitation", "730")

    response = logged_in(user).get(f"/frister/borger/{deadline.citizen_id}/", headers=HTMX)

    assert response.status_code == 404
    assert not AccessLog.objects.filter(user=user).exists()


def test_the_pixi_edition_is_rendered_once_a_day_not_per_request(monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint

    from sundhedsaftale.deadlines.pixi import pixi_pdf_render

    pixi_pdf_render.cache_clear()
    renders = []
    real_html = weasyprint.HTML

    def counting_html(*args: Any, **kwargs: Any) -> Any:
        renders.append(1)
        return real_html(*args, **kwargs)

    monkeypatch.setattr(weasyprint, "HTML", counting_html)

    first, second = Client().get("/frister.pdf"), Client().get("/frister.pdf")

    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert len(renders) == 1
