"""Steering-group meetings: the standing items on the agenda, decisions with owners followed up at the next
meeting, and capacity notices announced to the cluster."""

import pytest
from django.test import Client

from clusters.models import ClusterNotice, Decision, Meeting

pytestmark = pytest.mark.django_db


def test_a_decision_is_followed_up_at_the_next_meeting(make_member) -> None:
    client = Client()
    client.force_login(make_member("steering_group", "klynge-aarhus"))

    response = client.post(
        "/klynger/klynge-aarhus/moeder/ny/",
        {"title": "Klyngemøde forår", "held_on": "2027-04-20", "agenda": ""},
    )
    first = Meeting.objects.get()
    assert response["Location"] == f"/moeder/{first.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Nøgletal" in page and "2. halvår 2026" in page
    assert "Uenigheder om hjælpemidler (2. halvår 2026): åbne &lt;5" in page
    client.post(
        f"/moeder/{first.pk}/",
        {
            "handling": "beslutning",
            "text": "Færre færdigbehandlede sengedage",
            "owner": "Samsø",
            "due_on": "2027-09-01",
        },
    )
    decision = Decision.objects.get()
    before = client.post(
        f"/moeder/{first.pk}/",
        {"handling": "beslutning", "text": "x", "owner": "y", "due_on": "2027-01-01"},
    )
    assert before.status_code == 400 and "før mødet" in before.content.decode()

    client.post("/klynger/klynge-aarhus/moeder/ny/", {"title": "Klyngemøde efterår", "held_on": "2027-10-05"})
    second = Meeting.objects.get(title="Klyngemøde efterår")
    page = client.get(f"/moeder/{second.pk}/").content.decode()
    assert "Færre færdigbehandlede sengedage" in page  # open, from the earlier meeting
    client.post(
        f"/moeder/{second.pk}/",
        {
            "handling": "opfoelgning",
            "beslutning": decision.pk,
            f"d{decision.pk}-follow_up": "Fra 40 til 25 dage",
            f"d{decision.pk}-done_on": "2027-10-05",
        },
    )
    decision.refresh_from_db()
    assert decision.follow_up == "Fra 40 til 25 dage"
    assert "Ingen åbne beslutninger." in client.get(f"/moeder/{second.pk}/").content.decode()


def test_only_the_clusters_steering_group_plans_meetings_and_members_announce_capacity(make_member) -> None:
    other = Client()
    other.force_login(make_member("steering_group", "klynge-vest"))
    assert (
        other.post("/klynger/klynge-aarhus/moeder/ny/", {"title": "x", "held_on": "2027-04-20"}).status_code
        == 403
    )

    visitator = Client()
    visitator.force_login(make_member("visitation", "751"))
    response = visitator.post(
        "/klynger/klynge-aarhus/",
        {
            "kind": "capacity",
            "title": "Travl uge",
            "text": "Kun akutte modtagelser",
            "valid_from": "2026-12-07",
        },
    )
    assert response.status_code == 302
    notice = ClusterNotice.objects.get()
    assert notice.organisation.code == "751"
    assert "Travl uge" in visitator.get("/klynger/klynge-aarhus/").content.decode()
    outsider = Client()
    outsider.force_login(make_member("visitation", "657"))  # Herning, Klynge Vest
    assert outsider.post("/klynger/klynge-aarhus/", {"kind": "capacity"}).status_code == 403
