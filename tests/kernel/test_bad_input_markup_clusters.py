"""HTML and script in the clusters' free texts is shown escaped. The walk of ``test_bad_input_markup`` covers
citizen data; the texts of the steering groups are none, so they are walked here: every free-text column of the
clusters app (notices to the cluster, meetings, minutes, decisions) and of the rehab capacity notices is set to
markup marked with the field's number, then the cluster's page, its meetings and the capacity notices are read by
the steering group and by users of two member organisations: the pages show the escaped form and never the raw
tags, and every API list of the one router that returns such a text gives it back unchanged."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.test import Client
from django.utils import timezone

from clusters.models import Meeting
from clusters.services import (
    decision_add,
    decision_follow_up,
    meeting_create,
    meeting_minutes_save,
    notice_announce,
)
from rehab.models import CapacityNotice
from rehab.services import capacity_notice_create
from sundhedsaftale.api.urls import router
from sundhedsaftale.workdays import local_date
from tests.factories import member
from tests.factories.organisations import organisation_get
from tests.kernel.test_bad_input_markup import ESCAPED_MARK, PAYLOAD, RAW, free_text_fields

pytestmark = pytest.mark.django_db

CLUSTER = "klynge-aarhus"
# the steering group of the cluster, a visitator of a member municipality, ward staff of its hospital
READERS = (("steering_group", CLUSTER), ("visitation", "751"), ("ward_staff", "AUH-ORT"))
# the texts the cluster's pages show, to every reader (so the walk is known to reach them)
MUST_SHOW = {
    "clusters.ClusterNotice.title",
    "clusters.ClusterNotice.text",
    "clusters.Meeting.title",
    "clusters.Meeting.agenda",
    "clusters.Meeting.minutes",
    "clusters.Decision.text",
    "clusters.Decision.owner",
    "clusters.Decision.follow_up",
}
# the texts an API returns, to every reader
MUST_RETURN = {"rehab.CapacityNotice.description"}


def _models() -> list[type]:
    return [*apps.get_app_config("clusters").get_models(), CapacityNotice]


def _json_strings(data: object) -> list[str]:
    if isinstance(data, dict):
        return [s for value in data.values() for s in _json_strings(value)]
    if isinstance(data, list):
        return [s for value in data for s in _json_strings(value)]
    return [data] if isinstance(data, str) else []


@pytest.fixture
def meetings(db: None) -> tuple[Meeting, Meeting]:
    """A meeting held with minutes, one decision followed up and one open, and the next meeting; a capacity
    notice and a temporary local change announced to the cluster; a rehab capacity notice from Aarhus to AUH."""
    cluster, aarhus, auh = organisation_get(CLUSTER), organisation_get("751"), organisation_get("AUH")
    lead = member("steering_group", CLUSTER)
    today = local_date(timezone.now())
    held = meeting_create(
        cluster=cluster, held_on=today - timedelta(days=60), title="t", agenda="a", user=lead
    )
    meeting_minutes_save(meeting=held, minutes="m")
    done = decision_add(meeting=held, text="d", owner="o", due_on=held.held_on + timedelta(days=90))
    decision_follow_up(decision=done, follow_up="f", done_on=held.held_on + timedelta(days=1))
    decision_add(meeting=held, text="d", owner="o", due_on=held.held_on + timedelta(days=90))
    upcoming = meeting_create(
        cluster=cluster, held_on=today + timedelta(days=14), title="t", agenda="a", user=lead
    )
    for organisation, kind in ((aarhus, "capacity"), (auh, "local_change")):
        notice_announce(
            cluster=cluster,
            organisation=organisation,
            kind=kind,
            title="t",
            text="x",
            valid_from=today,
            valid_until=None,
            user=lead,
        )
    capacity_notice_create(
        kind="taking_home",
        sender=aarhus,
        receiver=auh,
        description="x",
        effective_on=today + timedelta(days=240),
        acting_user=member("visitation", "751"),
    )
    return held, upcoming


@pytest.fixture
def marked(meetings: tuple[Meeting, Meeting]) -> dict[int, str]:
    """Set every free-text column of every row to ``M<n>:`` + the payload; return n → field label."""
    labels = {}
    for n, field in enumerate(free_text_fields(_models())):
        if field.model._default_manager.update(**{field.attname: f"M{n}:{PAYLOAD}"}):
            labels[n] = f"{field.model._meta.label}.{field.name}"
    return labels


def test_the_walk_finds_the_clusters_free_text_fields() -> None:
    # guard: a walk that finds none of the steering groups' texts would check nothing
    names = {f"{f.model._meta.label}.{f.name}" for f in free_text_fields(_models())}
    assert names >= MUST_SHOW | MUST_RETURN


def test_markup_in_the_clusters_texts_is_shown_escaped(
    meetings: tuple[Meeting, Meeting], marked: dict[int, str]
) -> None:
    held, upcoming = meetings
    pages = [
        "/",
        f"/klynger/{CLUSTER}/",
        f"/moeder/{held.pk}/",
        f"/moeder/{upcoming.pk}/",
        "/genoptraening/kapacitet/",
    ]
    raw: list[str] = []
    missing: dict[str, set[str]] = {}
    for role, code in READERS:
        # given a reader of the cluster's pages
        client = Client()
        client.force_login(member(role, code))
        shown: set[int] = set()
        for url in pages:
            # when they read each page
            response = client.get(url)
            assert response.status_code == 200, (role, url)
            body = response.content.decode()
            # then no text is there as markup, and the texts are there escaped
            if any(tag in body for tag in RAW):
                raw.append(f"{url} as {role}")
            shown.update(int(n) for n in ESCAPED_MARK.findall(body))
        missing[role] = MUST_SHOW - {marked[n] for n in shown if n in marked}
    assert raw == []
    assert missing == {role: set() for role, _ in READERS}


def test_the_clusters_texts_come_back_unchanged_from_the_api(marked: dict[int, str]) -> None:
    lists = [f"/api/v1/{prefix}/" for prefix, _viewset, _basename in router.registry]
    unchanged: list[str] = []
    missing: dict[str, set[str]] = {}
    for role, code in READERS:
        # given an API client of the steering group or of a member organisation
        client = Client()
        client.force_login(member(role, code))
        returned: set[int] = set()
        for url in lists:
            # when it reads every list of the API
            response = client.get(url)
            if response.status_code != 200 or not response["Content-Type"].startswith("application/json"):
                continue
            # then every text with a mark is the text as it was written: JSON data, not HTML
            for text in _json_strings(json.loads(response.content)):
                for n in map(int, re.findall(r"M(\d+):", text)):
                    returned.add(n)
                    if text != f"M{n}:{PAYLOAD}":
                        unchanged.append(f"{url}: {marked.get(n)} as {text!r} for {role}")
        missing[role] = MUST_RETURN - {marked[n] for n in returned if n in marked}
    assert unchanged == []
    assert missing == {role: set() for role, _ in READERS}
