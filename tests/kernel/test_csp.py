"""The Content-Security-Policy holds on every page: no 'unsafe-inline' or 'unsafe-eval' in the header, and no page
carries what such a policy would block (an inline script or style without the request's nonce, a style=""
attribute, an on...="" handler, a javascript: address, htmx's hx-on). Checked on the templates as written and on
the pages as served, for every page without a parameter and the course page full of records, as three roles."""

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from admissions.models import Course
from sundhedsaftale.citizens.models import Citizen
from tests.citizen_records import records_create
from tests.factories import CitizenFactory, CourseFactory, PracticeFactory, member

ROOT = Path(settings.BASE_DIR)
# Rendered to PDF by WeasyPrint only (never served as a page): their <style> is the print layout.
PDF_ONLY = {"deadlines/pixi.html"}
BLOCKED_ATTRIBUTE = re.compile(r"^(style|on[a-z]+|hx-on.*)$")
# Pages that are no pages: files, exports, redirects and the API
NOT_PAGES = re.compile(r"(^api/|^admin/|^i18n/|^\^api/|logout|healthz|\.pdf|\.csv|csv/$|/antal/$)")


class _Blocked(HTMLParser):
    """Collect what a CSP without 'unsafe-inline' would block in a page, given the request's nonce."""

    def __init__(self, nonce: str | None) -> None:
        super().__init__()
        self.nonce = nonce
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if BLOCKED_ATTRIBUTE.match(name):
                self.found.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}=javascript:...>")
        if tag in ("script", "style") and (self.nonce is None or values.get("nonce") != self.nonce):
            self.found.append(f"<{tag}> without the request's nonce")


def _templates() -> list[Path]:
    folders = [ROOT / "templates", *ROOT.glob("*/templates")]
    return sorted(path for folder in folders for path in folder.rglob("*.html") if ".venv" not in path.parts)


def test_no_template_has_what_the_policy_would_block() -> None:
    templates = _templates()
    assert len(templates) > 100  # guard: the walk finds the templates
    found = []
    for path in templates:
        name = "/".join(path.parts[path.parts.index("templates") + 1 :])
        if name in PDF_ONLY or "/pdf/" in name:
            continue
        parser = _Blocked(nonce="{{ csp_nonce }}")
        parser.feed(path.read_text())
        found += [f"{name}: {what}" for what in parser.found]
    assert found == []


def test_the_policy_allows_no_inline_code_and_no_eval() -> None:
    policy: Any = settings.SECURE_CSP
    for directive, sources in policy.items():
        assert not {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'"} & {str(s) for s in sources}, (
            directive
        )
    assert "'self'" in [str(s) for s in policy["script-src"]]


def _page_routes(resolver: URLResolver, prefix: str = "") -> list[str]:
    pages = []
    for entry in resolver.url_patterns:
        pattern = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            pages += _page_routes(entry, pattern)
        elif (
            isinstance(entry, URLPattern)
            and not entry.pattern.regex.groupindex
            and not NOT_PAGES.search(pattern)
        ):
            pages.append("/" + pattern.lstrip("^").rstrip("$"))
    return pages


@pytest.fixture
def anna(db: None) -> Citizen:
    citizen = CitizenFactory.create(name="Anna Sikkersen", gp_practice=PracticeFactory.create())
    CourseFactory.create(citizen=citizen, at="AUH-ORT")
    records_create(citizen)
    return citizen


def _check(client: Client, url: str) -> list[str]:
    response = client.get(url)
    if not response["Content-Type"].startswith("text/html"):
        return []
    header = response["Content-Security-Policy"]
    problems = [f"{url}: {word} in the header" for word in ("unsafe-inline", "unsafe-eval") if word in header]
    nonce = re.search(r"'nonce-([^']+)'", header)
    parser = _Blocked(nonce=nonce.group(1) if nonce else None)
    parser.feed(response.content.decode())
    return problems + [f"{url}: {what}" for what in parser.found]


def test_every_page_as_served_keeps_the_policy(anna: Citizen) -> None:
    course = Course.objects.get(citizen=anna)
    users: list[User | None] = [
        None,
        member("ward_staff", "AUH-ORT"),
        member("visitation", anna.municipality.code),
        member("gp", anna.gp_practice.code),  # type: ignore[union-attr]
    ]
    pages = [*_page_routes(get_resolver()), f"/forloeb/{course.pk}/", f"/borgere/{anna.pk}/", "/findes-ikke/"]
    assert len(pages) > 25  # guard: the walk finds the pages
    problems, served = [], 0
    for user in users:
        client = Client()
        if user is not None:
            client.force_login(user)
        for url in pages:
            found = _check(client, url)
            problems += found
            served += 1
    assert problems == []
    assert served >= 4 * 25
