"""'Tildel mig' in the inboxes: a visitator takes a notice or a question for the municipality, colleagues see who
has it, the inbox narrows to one's own or to those nobody has taken; members of other organisations get 404."""

from datetime import timedelta
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from admissions.models import AdmissionNotice, Assignment, InformationRequest
from admissions.services import consent_record, information_request_send
from sundhedsaftale.access.models import AccessLog
from tests.factories.people import member

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
INBOX = "/kommune/indbakke/"


def as_user(user: Any, **options: Any) -> Client:
    client = Client(**options)
    client.force_login(user)
    return client


def notices_table(html: str) -> str:
    return html.split('id="inbox-notices"')[1].split("</table>")[0]


@pytest.fixture
def colleague(db: None) -> Any:
    """Another visitator in Aarhus (751)."""
    return member("visitation", "751", first_name="Ole", last_name="Kollega")


@pytest.fixture
def notice(admit: Any) -> AdmissionNotice:
    return AdmissionNotice.objects.get(course=admit(name="Tove Tildelt"))


@pytest.fixture
def question(ward: Any, admitted_course: Any) -> InformationRequest:
    consent_record(
        course=admitted_course,
        given_by="citizen",
        given_at=timezone.now() - timedelta(minutes=1),
        to_municipality=True,
        to_gp=True,
        acting_user=ward,
    )
    return information_request_send(
        course=admitted_course,
        recipient=admitted_course.citizen.municipality,
        question="Hvilken hjemmepleje har borgeren?",
        acting_user=ward,
    )


def test_tildel_mig_without_javascript_returns_to_the_inbox_and_colleagues_see_who_has_it(
    visitator: Any, colleague: Any, notice: AdmissionNotice
) -> None:
    response = as_user(visitator).post(
        f"/indbakke/advis/{notice.pk}/tildel/", {"next": f"{INBOX}?tildelt=mig"}
    )

    assert response.status_code == 302 and response["Location"] == f"{INBOX}?tildelt=mig"
    mine = notices_table(as_user(visitator).get(f"{INBOX}?tildelt=mig").content.decode())
    assert "Tove Tildelt" in mine and "Tildelt: <strong>dig</strong>" in mine and "Fjern tildeling" in mine
    theirs = notices_table(as_user(colleague).get(INBOX).content.decode())
    assert "Tildelt: <strong>Mette Visitator</strong>" in theirs
    assert "Tove Tildelt" not in as_user(colleague).get(f"{INBOX}?tildelt=mig").content.decode()


def test_the_filter_shows_mine_unassigned_or_all(visitator: Any, admit: Any) -> None:
    taken = AdmissionNotice.objects.get(course=admit(name="Anna Taget"))
    admit(name="Bent Fri")
    client = as_user(visitator)
    client.post(f"/indbakke/advis/{taken.pk}/tildel/")

    mine = client.get(f"{INBOX}?tildelt=mig").content.decode()
    free = client.get(f"{INBOX}?tildelt=ingen").content.decode()
    everything = client.get(f"{INBOX}?tildelt=noget-andet").content.decode()  # an unknown value is ignored

    assert "Anna Taget" in mine and "Bent Fri" not in mine
    assert "Bent Fri" in free and "Anna Taget" not in free
    assert "Anna Taget" in everything and "Bent Fri" in everything


def test_htmx_swaps_the_button_and_unassigning_gives_it_back(visitator: Any, notice: AdmissionNotice) -> None:
    client = as_user(visitator)

    taken = client.post(f"/indbakke/advis/{notice.pk}/tildel/", headers=HTMX).content.decode()
    released = client.post(f"/indbakke/advis/{notice.pk}/fjern-tildeling/", headers=HTMX).content.decode()

    assert taken.lstrip().startswith(f'<span id="assign-advis-{notice.pk}"') and "Fjern tildeling" in taken
    assert "Ikke tildelt" in released and "Tildel mig" in released
    assert not Assignment.objects.exists()


def test_a_colleague_cannot_remove_it_but_can_take_it_over(
    visitator: Any, colleague: Any, notice: AdmissionNotice
) -> None:
    as_user(visitator).post(f"/indbakke/advis/{notice.pk}/tildel/")

    refused = as_user(colleague).post(f"/indbakke/advis/{notice.pk}/fjern-tildeling/", headers=HTMX)
    taken_over = as_user(colleague).post(f"/indbakke/advis/{notice.pk}/tildel/", headers=HTMX)

    assert refused.status_code == 409 and "tildelt en kollega" in refused.content.decode()
    assert taken_over.status_code == 200 and "Tildelt: <strong>dig</strong>" in taken_over.content.decode()
    assert Assignment.objects.get().assignee == colleague


def test_an_information_request_can_be_assigned_in_the_inbox(
    visitator: Any, question: InformationRequest
) -> None:
    client = as_user(visitator)
    client.post(f"/indbakke/forespoergsel/{question.pk}/tildel/")

    requests = client.get(f"{INBOX}?tildelt=mig").content.decode().split('id="inbox-requests"')[1]

    assert "Tildelt: <strong>dig</strong>" in requests.split("</ul>")[0]


@pytest.mark.parametrize("action", ["tildel", "fjern-tildeling"])
def test_another_municipality_gets_404_and_nothing_is_written(
    foreign_visitator: Any,
    foreign_gp: Any,
    notice: AdmissionNotice,
    question: InformationRequest,
    action: str,
) -> None:
    for user in (foreign_visitator, foreign_gp):
        client = as_user(user)
        assert client.post(f"/indbakke/advis/{notice.pk}/{action}/").status_code == 404
        assert client.post(f"/indbakke/forespoergsel/{question.pk}/{action}/").status_code == 404
    assert not Assignment.objects.exists()


def test_unknown_kinds_and_ids_are_404_and_get_is_405(visitator: Any, notice: AdmissionNotice) -> None:
    client = as_user(visitator)

    assert client.post(f"/indbakke/borger/{notice.pk}/tildel/").status_code == 404
    assert client.post("/indbakke/advis/999999999/tildel/").status_code == 404
    assert client.get(f"/indbakke/advis/{notice.pk}/tildel/").status_code == 405
    assert not Assignment.objects.exists()


def test_the_post_needs_the_csrf_token(visitator: Any, notice: AdmissionNotice) -> None:
    response = as_user(visitator, enforce_csrf_checks=True).post(f"/indbakke/advis/{notice.pk}/tildel/")

    assert response.status_code == 403 and not Assignment.objects.exists()


def test_taking_and_releasing_are_audited(visitator: Any, notice: AdmissionNotice) -> None:
    client = as_user(visitator)
    client.post(f"/indbakke/advis/{notice.pk}/tildel/")
    client.post(f"/indbakke/advis/{notice.pk}/fjern-tildeling/")

    entries = LogEntry.objects.get_for_model(Assignment).order_by("timestamp")

    assert [e.action for e in entries] == [LogEntry.Action.CREATE, LogEntry.Action.DELETE]
    assert entries[0].actor == visitator


def test_the_inbox_asks_as_many_queries_for_five_assigned_notices_as_for_one(
    visitator: Any, admit: Any
) -> None:
    client = as_user(visitator)

    def queries_with_one_more_assigned() -> int:
        notice = AdmissionNotice.objects.get(course=admit(name="Borger"))
        client.post(f"/indbakke/advis/{notice.pk}/tildel/")
        client.get(INBOX)  # warm the caches (content types, session)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(INBOX).status_code == 200
        return len(queries)

    one = queries_with_one_more_assigned()
    for _ in range(3):
        queries_with_one_more_assigned()

    assert queries_with_one_more_assigned() == one


def test_the_swapped_assignment_names_the_citizen_and_logs_the_read(
    visitator: Any, notice: AdmissionNotice
) -> None:
    # given a visitator with JavaScript: the answer is the item's fragment, which names the citizen to screen readers
    client = as_user(visitator)
    AccessLog.objects.all().delete()

    # when she takes the notice
    fragment = client.post(f"/indbakke/advis/{notice.pk}/tildel/", headers=HTMX).content.decode()

    # then the citizen she was shown is in the access log, like every page that shows one
    assert "Tove Tildelt" in fragment
    logged = AccessLog.objects.filter(citizen_id=notice.course.citizen_id, user=visitator)
    assert logged.count() == 1
