"""An agreement area plugs in at one place, its AppConfig: the kernel collects every area's navigation, pages,
API routes, dashboard panel, demo loader and beat tasks from there and names no area itself."""

import ast
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client
from django.urls import reverse

from sundhedsaftale import areas
from sundhedsaftale.celery import app
from sundhedsaftale.nav import nav_links
from tests.factories import member

ROOT = Path(__file__).resolve().parents[2]


def test_every_area_declares_itself_in_its_app_config() -> None:
    # given the installed apps / when the kernel looks for areas
    found = [config.label for config in areas.area_configs()]

    # then it finds them in INSTALLED_APPS order, each declaring only what it brings (aids: no panel)
    assert found == [
        "deadlines",
        "clusters",
        "admissions",
        "discharge",
        "rehab",
        "aids",
        "prevention",
        "psychiatry",
        "medcom",
    ]
    aids = apps.get_app_config("aids")
    assert isinstance(aids, areas.AreaConfig)
    assert (aids.urls, aids.api_routes, aids.panel, aids.demo_loader) == (
        "aids.urls",
        "aids.api.routes.register",
        None,
        "aids.demo.load",
    )
    assert [entry.url_name for entry in aids.nav] == ["aids-worklist"]
    assert list(aids.beat_schedule) == ["aids-missing-at-discharge"]


def test_pages_and_api_routes_come_from_the_areas() -> None:
    # given the areas' urls modules / when the kernel builds its url patterns
    included = [getattr(pattern.urlconf_name, "__name__", "") for pattern in areas.url_patterns()]

    # then every area with pages is included, and their pages and API routes answer at the old paths
    assert included == [
        "sundhedsaftale.deadlines.urls",
        "clusters.urls",
        "admissions.urls",
        "discharge.urls",
        "rehab.urls",
        "aids.urls",
        "prevention.urls",
        "psychiatry.urls",
        "medcom.urls",
    ]
    assert reverse("contact-list") == "/kontakter/"
    assert reverse("ward-board") == "/afdeling/tavle/"
    assert reverse("rehab-inbox") == "/genoptraening/indbakke/"
    assert reverse("api:organisation-list") == "/api/v1/organisations/"
    assert reverse("api:alert-list") == "/api/v1/alerts/"
    assert reverse("api:rehab-api-plan-list") == "/api/v1/rehab/plans/"


def test_beat_runs_the_kernel_tasks_and_every_areas() -> None:
    # given the kernel's beat tick and the areas' periodic tasks / when beat reads its schedule
    schedule = dict(app.conf.beat_schedule)

    # then it has the kernel's entries first, then each area's
    assert list(schedule)[:2] == ["beat-tick", "scan-deadlines"]
    assert schedule["rehab-sync-plan-deadlines"]["task"] == "rehab.tasks.sync_plan_deadlines"
    assert schedule["clusters-refresh-keyfigures"]["task"] == "clusters.tasks.refresh_keyfigures"
    assert schedule["clusters-semiannual-reports"]["task"] == "clusters.tasks.semiannual_reports"


def test_an_area_cannot_silently_replace_another_beat_entry() -> None:
    # given a kernel entry an area also declares / when the schedule is merged / then it is refused
    with pytest.raises(ValueError, match="scan-deadlines"):
        areas.beat_schedule({"scan-deadlines": {"task": "x", "schedule": 1.0}})


def test_demo_loaders_run_in_the_declared_order() -> None:
    loaders = [f"{load.__module__}.{load.__name__}" for load in areas.demo_loaders()]

    assert loaders == [
        "admissions.demo.load",
        "discharge.demo.load",
        "rehab.demo.load",
        "psychiatry.demo.load",
        "aids.demo.load",
        "prevention.demo.load",
        "medcom.demo.load",
        "clusters.demo.load",
    ]
    assert not hasattr(settings, "DEMO_LOADERS")
    assert not hasattr(settings, "DASHBOARD_PANELS")


@pytest.mark.parametrize(
    ("kind", "role", "can_see_citizens", "expected"),
    [
        pytest.param(
            "municipality",
            "visitation",
            True,
            [
                ("Overblik", "/"),
                ("Borgere", "/borgere/"),
                ("Udskrivninger", "/kommune/udskrivninger/"),
                ("Indbakke", "/kommune/indbakke/"),
                ("Advarsler", "/advarsler/"),
                ("Genoptræning", "/genoptraening/indbakke/"),
                ("Hjælpemidler", "/hjaelpemidler/"),
                ("Psykiatri", "/psykiatri/indbakke/"),
                ("Forebyggelse", "/forebyggelse/tilbud/"),
                ("Kontaktliste", "/kontakter/"),
            ],
            id="municipality",
        ),
        pytest.param(
            "department",
            "ward_staff",
            True,
            [
                ("Overblik", "/"),
                ("Borgere", "/borgere/"),
                ("Tavle", "/afdeling/tavle/"),
                ("Ny indlæggelse", "/indlaeggelse/ny/"),
                ("Advarsler", "/advarsler/"),
                ("Genoptræning", "/genoptraening/afdeling/"),
                ("Hjælpemidler", "/hjaelpemidler/"),
                ("Psykiatri", "/psykiatri/"),
                ("Forebyggelse", "/forebyggelse/tilbud/"),
                ("Kontaktliste", "/kontakter/"),
            ],
            id="ward",
        ),
        pytest.param(
            "practice",
            "gp",
            True,
            [
                ("Overblik", "/"),
                ("Borgere", "/borgere/"),
                ("Epikriser", "/praksis/epikriser/"),
                ("Praksis", "/praksis/"),
                ("Advarsler", "/advarsler/"),
                ("Genoptræning", "/genoptraening/indbakke/"),
                ("Psykiatri", "/psykiatri/indbakke/"),
                ("Forebyggelse", "/forebyggelse/tilbud/"),
                ("Kontaktliste", "/kontakter/"),
            ],
            id="gp",
        ),
        pytest.param(
            "cluster",
            "steering_group",
            False,
            [
                ("Overblik", "/"),
                ("Nøgletal", "/noegletal/"),
                ("Forebyggelse", "/forebyggelse/tilbud/"),
                ("Kontaktliste", "/kontakter/"),
            ],
            id="steering",
        ),
    ],
)
def test_the_navigation_holds_every_areas_entries_for_the_membership(
    kind: str, role: str, can_see_citizens: bool, expected: list[tuple[str, str]]
) -> None:
    # given a membership / when the navigation is built on the rehab ward page
    links = nav_links(here="rehab-ward", kind=kind, role=role, can_see_citizens=can_see_citizens)

    # then it shows the areas' entries in order, the rehab entry current on both of its landing pages
    assert [(str(link.label), link.href) for link in links] == expected
    assert [str(link.label) for link in links if link.current] == (
        ["Genoptræning"] if can_see_citizens else []
    )


@pytest.mark.django_db
def test_the_rendered_navigation_keeps_its_links_and_the_live_alert_count() -> None:
    # given a municipal visitator / when the rehab inbox is shown
    client = Client()
    client.force_login(member("visitation", "751"))
    html = client.get("/genoptraening/indbakke/").content.decode()

    # then the navigation links in order, marks the current page, and the alert link refreshes its count
    nav = html[html.index('<a class="nav-link" href="/"') : html.index('href="/kontakter/"') + 30]
    assert re.findall(r'<a class="nav-link" href="([^"]+)"', nav) == [
        "/",
        "/borgere/",
        "/kommune/udskrivninger/",
        "/kommune/indbakke/",
        "/advarsler/",
        "/genoptraening/indbakke/",
        "/hjaelpemidler/",
        "/psykiatri/indbakke/",
        "/forebyggelse/tilbud/",
        "/kontakter/",
    ]
    assert (
        '<li class="active current"><a class="nav-link" href="/genoptraening/indbakke/" aria-current="page">'
        "<span>Genoptræning</span></a></li>"
    ) in nav
    assert (
        '<a class="nav-link" href="/advarsler/" hx-get="/advarsler/antal/" '
        'hx-trigger="every 30s, alerts-changed from:body" hx-target="find .app-alert-count" hx-swap="outerHTML">'
        '<span>Advarsler <span class="app-alert-count"'
    ) in nav


@pytest.mark.parametrize("module", ["urls.py", "api/urls.py", "celery.py", "areas.py", "nav.py", "views.py"])
def test_the_kernel_wiring_names_no_area(module: str) -> None:
    source = (ROOT / "sundhedsaftale" / module).read_text(encoding="utf-8")
    imported = {
        node.module or "" for node in ast.walk(ast.parse(source)) if isinstance(node, ast.ImportFrom)
    } | {
        alias.name
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Import)
        for alias in node.names
    }

    areas_named = {name for name in imported if re.match(r"(admissions|discharge|rehab|aids)\b", name)}
    if module != "views.py":  # the dashboard view reads the active membership through clusters (unchanged)
        areas_named |= {name for name in imported if re.match(r"clusters\b", name)}
    assert not areas_named
