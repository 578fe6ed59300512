"""The dashboard: each role sees its panels with current figures; the steering group sees numbers only."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from clusters.keyfigures.refresh import keyfigures_refresh
from sundhedsaftale.access.models import AccessLog
from sundhedsaftale.citizens.cpr import cpr_format
from tests.factories import CitizenFactory, CourseFactory, member
from tests.factories.deadlines import DeadlineFactory
from tests.factories.discharge import FinishedTreatmentFactory

pytestmark = pytest.mark.django_db


def _dashboard(user: User) -> str:
    client = Client()
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def _headings(html: str) -> list[str]:
    return re.findall(r"<h2 [^>]*>([^<]+)</h2>", html)


@pytest.mark.parametrize(
    ("role", "code", "headings"),
    [
        pytest.param(
            "ward_staff",
            "AUH-ORT",
            ["Frister og advarsler", "Indlagte borgere", "Udskrivning", "Genoptræning"],
            id="ward",
        ),
        pytest.param(
            "visitation",
            "751",
            ["Frister og advarsler", "Kommunens indbakke", "Forventede udskrivninger", "Genoptræning"],
            id="municipality",
        ),
        pytest.param("gp", None, ["Frister og advarsler", "Praksis' indbakke", "Epikriser"], id="gp"),
        pytest.param(
            "steering_group",
            "klynge-aarhus",
            ["Nøgletal for Klynge Aarhus"],
            id="steering-group",
        ),
        pytest.param(
            "regional_admin",
            "1082",
            ["Nøgletal for Region Midtjylland", "Regionalt Sundhedssamarbejde"],
            id="region",
        ),
    ],
)
def test_each_role_sees_its_panels(role: str, code: str | None, headings: list[str]) -> None:
    html = _dashboard(member(role, code))
    shown = _headings(html)
    assert all(heading in shown for heading in headings), shown
    assert "Her vises" not in html


def test_the_regional_admin_finds_administration_deadlines_and_contacts() -> None:
    html = _dashboard(member("regional_admin", "1082"))
    for href in ("/admin/", "/frister/", "/kontakter/"):
        assert f'<li><a href="{href}">' in html


def test_the_ward_sees_its_current_figures_and_the_chart_says_them_in_words() -> None:
    # given two citizens admitted to the ward, one with a breached deadline and one due later
    ward = member("ward_staff", "AUH-ORT")
    now = timezone.now()
    DeadlineFactory.create(due_at=now - timedelta(hours=1), warn_at=now - timedelta(hours=2))
    DeadlineFactory.create(due_at=now + timedelta(days=3), warn_at=now + timedelta(days=2))
    # when the ward opens its dashboard
    html = _dashboard(ward)
    # then the admitted count links to the board
    assert re.search(r'href="/afdeling/tavle/"><span class="app-figure">2</span>', html)
    # and the urgency chart is an image with a text alternative naming every bar and its figure
    svg = re.search(r"<svg [^>]*>.*?</svg>", html, re.S)
    assert svg is not None
    assert 'role="img"' in svg.group(0)
    assert re.search(
        r'aria-labelledby="(chart-deadline-urgency-title) (chart-deadline-urgency-desc)"', svg.group(0)
    )
    assert '<title id="chart-deadline-urgency-title">Åbne frister efter hastegrad</title>' in svg.group(0)
    assert "Overskredet: 1; Nærmer sig: 0; I god tid: 1" in svg.group(0)
    # and the same figures as a table
    assert '<th scope="row">Overskredet</th><td class="app-num">1</td>' in html
    # and counts are no personal data: nothing is written to the access log
    assert AccessLog.objects.count() == 0


def test_the_steering_group_sees_cluster_figures_without_cpr_or_name() -> None:
    # given a citizen of Aarhus, finished treatment two days ago and still admitted, with a late notice
    citizen = CitizenFactory.create(name="Gudrun Hemmeligsen")
    course = CourseFactory.create(citizen=citizen, admitted_at=timezone.now() - timedelta(days=4))
    FinishedTreatmentFactory.create(course=course, finished_on=timezone.localdate() - timedelta(days=2))
    for _ in range(6):
        CourseFactory.create(admitted_at=timezone.now() - timedelta(days=3))
    keyfigures_refresh()
    # when the cluster's steering group opens its dashboard
    html = _dashboard(member("steering_group", "klynge-aarhus"))
    # then it sees the key figures of the half-year: 7 admissions, and the 2 bed days only as "<5"
    assert '<span class="app-figure">7</span> <span class="app-figure-label">indlæggelser</span>' in html
    assert "Aarhus: &lt;5" in html and "Aarhus: 2" not in html
    assert "/noegletal/?enhed=klynge-aarhus" in html
    # and never the citizen
    assert citizen.name not in html and "Hemmeligsen" not in html
    assert citizen.cpr not in html and cpr_format(citizen.cpr) not in html


def test_the_menu_marks_the_current_page() -> None:
    html = _dashboard(member("visitation", "751"))
    current = re.findall(r'<a class="nav-link" href="([^"]+)" aria-current="page">', html)
    assert current == ["/"]
    assert 'class="app-alert-count' in html
