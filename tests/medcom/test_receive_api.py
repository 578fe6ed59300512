"""The receiving endpoints as an EPJ integration meets them: token authentication as an integration member of
the receiver, an OperationOutcome with a Danish text for every answer, nothing stored from a refused message,
and every message about a citizen in the access log."""

import json
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import User
from rest_framework.test import APIClient

from admissions.models import Course
from medcom.models import InboundMessage
from sundhedsaftale.access.models import AccessLog
from sundhedsaftale.access.tokens import token_issue
from sundhedsaftale.citizens.models import Citizen
from tests.factories import member
from tests.medcom.conftest import HN_URL, example

ELMER = "2509479989"


def _post_as(user: User | None, body: Any, **extra: Any) -> Any:
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {token_issue(user=user).key}")
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(HN_URL, data=data, content_type="application/fhir+json", **extra)


def test_an_integration_of_the_receiver_posts_with_its_token(eoj: User) -> None:
    response = _post_as(eoj, example("STIN_A"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/fhir+json")
    issue = response.json()["issue"][0]
    assert issue["severity"] == "information"
    assert issue["details"]["text"] == "Borgeren var ukendt og er oprettet; borgeren er indlagt."
    assert Course.objects.get(citizen__cpr=ELMER).state == Course.State.ADMITTED


def test_without_a_token_the_answer_is_401_as_an_operation_outcome(receivers: None) -> None:
    response = _post_as(None, example("STIN_A"))
    assert response.status_code == 401
    body = response.json()
    assert body["resourceType"] == "OperationOutcome"
    assert body["issue"][0]["code"] == "login"
    assert not InboundMessage.objects.exists()


def test_a_person_of_the_receiver_may_not_deliver_messages(receivers: None) -> None:
    # a visitator of Aarhus is no REST client
    response = _post_as(member("visitation", "751"), example("STIN_A"))
    assert response.status_code == 403
    assert response.json()["issue"][0]["diagnostics"].startswith("Kun en integration")
    assert not InboundMessage.objects.exists()
    assert not Citizen.objects.filter(cpr=ELMER).exists()


def test_an_integration_of_another_municipality_is_refused_and_nothing_is_applied(receivers: None) -> None:
    randers = member("integration", "730")
    response = _post_as(randers, example("STIN_A"))
    assert response.status_code == 403
    issue = response.json()["issue"][0]
    assert issue["code"] == "forbidden"
    assert "integration for" in issue["diagnostics"]
    assert not Citizen.objects.filter(cpr=ELMER).exists()
    assert InboundMessage.objects.get().outcome == "rejected"


def test_an_unknown_receiver_is_refused_with_a_clear_text(eoj: User) -> None:
    bundle = example("STIN_A")
    for entry in bundle["entry"]:
        for identifier in entry["resource"].get("identifier", []):
            if identifier.get("value") == "953741000016009":
                identifier["value"] = "111111000016001"
    response = _post_as(eoj, bundle)
    assert response.status_code == 422
    issue = response.json()["issue"][0]
    assert issue["code"] == "not-found"
    assert "111111000016001" in issue["diagnostics"] and "ikke kendt" in issue["diagnostics"]
    assert not Citizen.objects.filter(cpr=ELMER).exists()


def test_malformed_json_is_answered_in_danish(eoj: User) -> None:
    response = _post_as(eoj, '{"resourceType": "Bundle", ')
    assert response.status_code == 400
    body = response.json()
    assert body["resourceType"] == "OperationOutcome"
    assert body["issue"][0]["diagnostics"].startswith("Ugyldig JSON")


def test_a_structural_error_names_the_field_in_danish(eoj: User) -> None:
    # TEK_FCC: the Encounter has no class
    response = _post_as(eoj, example("TEK_FCC"))
    assert response.status_code == 400
    issues = response.json()["issue"]
    assert any(
        i["diagnostics"] == "Feltet 'class' er påkrævet, men mangler."
        and i["expression"] == ["Bundle.entry[2].resource.class"]
        for i in issues
    ), issues


def test_a_message_rule_broken_is_refused(eoj: User) -> None:
    # an admission reported with the encounter already finished does not fit admit-inpatient
    bundle = example("STIN_A")
    for entry in bundle["entry"]:
        if entry["resource"]["resourceType"] == "Encounter":
            entry["resource"]["status"] = "finished"
    response = _post_as(eoj, bundle)
    assert response.status_code == 400
    diagnostics = [i["diagnostics"] for i in response.json()["issue"]]
    assert any("Encounter.status 'finished' passer ikke til aktiviteten" in d for d in diagnostics)
    assert not Citizen.objects.filter(cpr=ELMER).exists()


def test_every_message_about_a_citizen_is_in_the_access_log(eoj: User, post: Callable[..., Any]) -> None:
    post(example("STIN_H"))
    post(example("SLHJ_H"))
    citizen = Citizen.objects.get(cpr=ELMER)
    rows = AccessLog.objects.filter(citizen=citizen).order_by("at", "pk")
    assert [r.what for r in rows] == [
        "MedCom-sygehusadvis modtaget (STIN, behandlet)",
        "MedCom-sygehusadvis modtaget (SLHJ, behandlet)",
    ]
    assert {r.username for r in rows} == {eoj.username}
