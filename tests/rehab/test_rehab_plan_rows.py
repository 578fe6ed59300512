"""The plan's structured lists (bidiagnoses, SKS interventions, measurements): validated whole on every write
path, read tolerantly, and repaired where a partial update once stored a malformed row (issue 8)."""

import importlib
import json
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from rehab.models import PlanVersion
from rehab.pdf import plan_pdf_context
from rehab.services import plan_version_update
from tests.factories.rehab import plan_written

GOOD_MEASUREMENTS = [{"test": "Timed Up and Go", "date": "2026-03-30", "score": "18 s"}]
LEGACY_ROWS: dict[str, Any] = {
    "measurements": [{"date": ""}, None, "TUG", {"test": "TUG", "date": "i går", "score": 18}],
    "interventions": [{"code": {"x": 1}}, {"code": "BLHA", "text": None}],
    "secondary_diagnoses": "M80.0",
}


def _draft(api_client: Any, plan: Any, body: str) -> Any:
    return api_client.generic(
        "PATCH", f"/api/v1/rehab/plans/{plan.pk}/draft/", body, content_type="application/json"
    )


def _store_legacy_rows(plan: Any) -> PlanVersion:
    """A version as a partial update stored it before the rows were validated (bypassing every check)."""
    PlanVersion.objects.filter(pk=plan.latest.pk).update(**LEGACY_ROWS)
    return PlanVersion.objects.get(pk=plan.latest.pk)


def test_a_measurement_without_a_test_is_refused_and_the_hospitals_plan_list_still_answers(
    api_client, course_discharged_before_easter, therapist
):
    # given a draft with one valid measurement
    plan = plan_written(course=course_discharged_before_easter, author=therapist, finalise=False)
    api_client.force_authenticate(therapist)
    # when a client saves a measurement with only an empty date (the request that broke the list)
    response = _draft(api_client, plan, json.dumps({"measurements": [{"date": None}]}))
    # then it is a clear 400 naming the field path, and nothing is stored
    assert response.status_code == 400
    assert response.json()["errors"] == {"measurements[0].test": ["Skal udfyldes."]}
    assert response.json()["detail"] == "measurements[0].test: Skal udfyldes."
    assert PlanVersion.objects.get(pk=plan.latest.pk).measurements == GOOD_MEASUREMENTS
    assert api_client.get("/api/v1/rehab/plans/").status_code == 200
    assert api_client.get(f"/api/v1/rehab/plans/{plan.pk}/").status_code == 200


NASTY_ROWS = [
    pytest.param('{"measurements": "TUG 18 s"}', "measurements", id="string-for-list"),
    pytest.param('{"measurements": {"test": "TUG"}}', "measurements", id="object-for-list"),
    pytest.param('{"measurements": null}', "measurements", id="null-for-list"),
    pytest.param('{"measurements": [null]}', "measurements[0]", id="null-row"),
    pytest.param('{"measurements": ["TUG"]}', "measurements[0]", id="string-row"),
    pytest.param(
        '{"measurements": [{"test": {"a": 1}, "score": ""}]}', "measurements[0].test", id="object-cell"
    ),
    pytest.param('{"measurements": [{"test": true, "score": ""}]}', "measurements[0].test", id="bool-cell"),
    pytest.param(
        '{"measurements": [{"test": "TUG", "score": ' + "[" * 10 + "]" * 10 + "}]}",
        "measurements[0].score",
        id="nested-cell",
    ),
    pytest.param('{"measurements": ' + "[" * 5000 + "]" * 5000 + "}", None, id="deeply-nested-list"),
    pytest.param(
        '{"measurements": [{"test": "TUG", "date": "2026-02-30", "score": ""}]}',
        "measurements[0].date",
        id="impossible-date",
    ),
    pytest.param(
        '{"measurements": [{"test": "TUG", "date": 20260330, "score": ""}]}',
        "measurements[0].date",
        id="number-date",
    ),
    pytest.param(
        json.dumps({"measurements": [{"test": "x" * 5000, "score": ""}]}),
        "measurements[0].test",
        id="long-cell",
    ),
    pytest.param(
        json.dumps({"measurements": [{"test": "TUG", "score": str(i)} for i in range(21)]}),
        "measurements",
        id="too-many-rows",
    ),
    pytest.param('{"measurements": [{"test": "TUG", "score": 1e400}]}', None, id="huge-number"),
    pytest.param('{"measurements": [{"test": "T\\u0000UG", "score": ""}]}', None, id="nul-byte"),
    pytest.param('{"interventions": [{"text": "Gangtræning"}]}', "interventions[0].code", id="sks-missing"),
    pytest.param('{"interventions": [{"code": "12 34"}]}', "interventions[0].code", id="sks-invalid"),
    pytest.param(
        '{"interventions": [{"code": "BLHA", "text": ["a"]}]}', "interventions[0].text", id="sks-text"
    ),
    pytest.param(
        '{"secondary_diagnoses": [{"code": "hofte"}]}', "secondary_diagnoses[0].code", id="icd-invalid"
    ),
    pytest.param('{"secondary_diagnoses": [{}]}', "secondary_diagnoses[0].code", id="icd-missing"),
]


@pytest.mark.parametrize(("body", "path"), NASTY_ROWS)
def test_nasty_rows_in_a_partial_update_are_a_400_naming_the_path_and_nothing_is_stored(
    api_client, course_discharged_before_easter, therapist, body, path
):
    plan = plan_written(course=course_discharged_before_easter, author=therapist, finalise=False)
    before = PlanVersion.objects.values("measurements", "interventions", "secondary_diagnoses").get(
        pk=plan.latest.pk
    )
    api_client.force_authenticate(therapist)
    response = _draft(api_client, plan, body)
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    if path is not None:  # NUL and 1e400 may already be refused by the JSON parser, with its own message
        assert path in response.json()["errors"], response.json()
    after = PlanVersion.objects.values("measurements", "interventions", "secondary_diagnoses").get(
        pk=plan.latest.pk
    )
    assert after == before
    assert api_client.get("/api/v1/rehab/plans/").status_code == 200


def test_a_partial_update_normalises_rows_the_same_way_as_the_editor(
    api_client, course_discharged_before_easter, therapist
):
    plan = plan_written(course=course_discharged_before_easter, author=therapist, finalise=False)
    api_client.force_authenticate(therapist)
    body = {
        "secondary_diagnoses": [{"code": "m800"}],
        "interventions": [{"code": "blha", "text": "Gangtræning", "extra": "ignored"}],
        "measurements": [{"test": " TUG ", "date": None, "score": 18}],
    }
    response = _draft(api_client, plan, json.dumps(body))
    assert response.status_code == 200, response.json()
    version = response.json()["versions"][0]
    assert version["secondary_diagnoses"][0]["code"] == "M80.0"
    assert version["interventions"] == [{"code": "BLHA", "text": "Gangtræning"}]
    assert version["measurements"] == [{"test": "TUG", "date": None, "score": "18"}]


def test_the_service_refuses_malformed_rows_from_any_caller(course_discharged_before_easter, therapist):
    plan = plan_written(course=course_discharged_before_easter, author=therapist, finalise=False)
    with pytest.raises(ValidationError) as error:
        plan_version_update(version=plan.latest, data={"measurements": [{"date": ""}]}, acting_user=therapist)
    assert error.value.message_dict == {"measurements[0].test": ["Skal udfyldes."]}
    assert PlanVersion.objects.get(pk=plan.latest.pk).measurements == GOOD_MEASUREMENTS


def test_the_editor_refuses_a_measurement_without_a_test_like_the_api(
    client, course_discharged_before_easter, therapist
):
    plan = plan_written(course=course_discharged_before_easter, author=therapist, finalise=False)
    client.force_login(therapist)
    response = client.post(
        f"/genoptraening/plan/{plan.pk}/gem/",
        {"health_state": "Ny tekst", "measurement_0_date": "2026-03-31", "measurement_1_test": "x" * 300},
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["measurement_0_test"] == ["Skal udfyldes."]
    assert errors["measurement_1_test"] == ["Højst 200 tegn."]
    version = PlanVersion.objects.get(pk=plan.latest.pk)
    assert version.health_state == "Ny tekst"  # the valid fields are saved, the invalid list is not
    assert version.measurements == GOOD_MEASUREMENTS


def test_legacy_malformed_rows_are_left_out_of_every_reading(
    api_client, client, course_discharged_before_easter, therapist
):
    # given a draft whose lists were stored malformed before this fix
    plan = plan_written(course=course_discharged_before_easter, author=therapist, finalise=False)
    version = _store_legacy_rows(plan)
    api_client.force_authenticate(therapist)
    # then the API list, detail and export answer and show only what can be shown
    listed = api_client.get("/api/v1/rehab/plans/")
    assert listed.status_code == 200
    detail = api_client.get(f"/api/v1/rehab/plans/{plan.pk}/")
    assert detail.status_code == 200
    shown = detail.json()["versions"][0]
    assert shown["measurements"] == [{"test": "TUG", "date": "i går", "score": "18"}]
    assert shown["interventions"] == [{"code": "BLHA", "text": ""}]
    assert shown["secondary_diagnoses"] == []
    export = api_client.get(f"/api/v1/rehab/plans/{plan.pk}/export/")
    assert export.status_code == 200
    assert export.json()["versions"][0]["interventions"] == [{"sks": "BLHA", "description": ""}]
    # and the editor page, the read-only version page and the printed plan render
    client.force_login(therapist)
    assert client.get(f"/genoptraening/plan/{plan.pk}/").status_code == 200
    assert client.get(f"/genoptraening/plan/{plan.pk}/v1/").status_code == 200
    printed = render_to_string("rehab/pdf/plan.html", plan_pdf_context(version=version))
    assert "SKS kode BLHA" in printed


def test_the_data_migration_repairs_broken_rows_and_is_idempotent(course_discharged_before_easter, therapist):
    # given one version with malformed lists and one that is fine
    broken = _store_legacy_rows(
        plan_written(course=course_discharged_before_easter, author=therapist, finalise=False)
    )
    fine = plan_written(course=course_discharged_before_easter, author=therapist).final
    assert fine is not None
    migration = importlib.import_module("rehab.migrations.0002_repair_plan_rows")
    # when the migration runs, twice
    assert migration.plan_rows_repair_all(apps, None) == 1
    assert migration.plan_rows_repair_all(apps, None) == 0
    # then the broken rows are repaired (invalid optional cells emptied, rows without a test dropped)
    broken.refresh_from_db()
    assert broken.measurements == [{"test": "TUG", "date": "", "score": "18"}]
    assert broken.interventions == [{"code": "BLHA", "text": ""}]
    assert broken.secondary_diagnoses == []
    fine.refresh_from_db()
    assert fine.measurements == GOOD_MEASUREMENTS
