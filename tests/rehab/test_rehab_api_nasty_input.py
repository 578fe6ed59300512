"""Every rehab write endpoint answers nasty input (wrong types, huge numbers, NUL, deep nesting, very long
text) with a JSON body, never a server error, and the plan list keeps answering (issue 8)."""

import json
from typing import Any

import pytest
from rest_framework import serializers

from rehab.api import serializers as s
from rehab.models import RehabCourse
from rehab.services import delivery_receive, plan_send, rehab_course_start
from tests.factories.rehab import plan_written

NASTY = {
    "list": '[1, "a", null]',
    "object": '{"a": {"b": [1]}}',
    "text": '"abc"',
    "bool": "true",
    "huge-float": "1e400",
    "huge-int": "9" * 400,
    "nul": '"a\\u0000b"',
    "long-text": json.dumps("x" * 20_000),
    "nested": "[" * 20 + "]" * 20,
}

ENDPOINTS = [
    ("post", "/api/v1/rehab/plans/", "therapist", s.PlanCreateSerializer),
    ("patch", "/api/v1/rehab/plans/{draft}/draft/", "therapist", s.PlanVersionSerializer),
    ("post", "/api/v1/rehab/plans/{plan}/correct/", "therapist", s.CorrectSerializer),
    ("post", "/api/v1/rehab/plans/{draft}/send/", "therapist", s.SendSerializer),
    ("post", "/api/v1/rehab/advance-notices/", "therapist", s.AdvanceNoticeSerializer),
    ("post", "/api/v1/rehab/deliveries/{delivery}/contact/", "visitator", s.FirstContactSerializer),
    ("post", "/api/v1/rehab/deliveries/{delivery}/forward/", "visitator", s.ForwardSerializer),
    ("post", "/api/v1/rehab/deliveries/{delivery}/decline/", "visitator", s.DeclineSerializer),
    ("post", "/api/v1/rehab/courses/", "visitator", s.RehabCourseSerializer),
    ("post", "/api/v1/rehab/courses/{rehab_course}/end/", "visitator", s.CourseEndSerializer),
    ("post", "/api/v1/rehab/courses/{rehab_course}/final-status/", "visitator", s.FinalStatusSerializer),
    ("post", "/api/v1/rehab/capacity-notices/", "visitator", s.CapacityNoticeSerializer),
]


def _writable(serializer: type[serializers.Serializer]) -> list[str]:
    return [name for name, field in serializer().fields.items() if not field.read_only]


@pytest.fixture
def ids(course_discharged_before_easter, therapist, visitator) -> dict[str, Any]:
    """A finalised, sent and received plan with a rehab course, and a second plan still a draft."""
    plan = plan_written(course=course_discharged_before_easter, author=therapist)
    deliveries = plan_send(plan=plan, acting_user=therapist, consent_municipality=True)
    delivery = next(d for d in deliveries if d.recipient == "municipality")
    delivery = delivery_receive(delivery=delivery, acting_user=visitator)
    rehab_course: RehabCourse = rehab_course_start(
        plan=plan,
        acting_user=visitator,
        level="general",
        provider_kind="municipality",
        started_on=delivery.received_at.date(),  # type: ignore[union-attr]
    )
    draft = plan_written(course=course_discharged_before_easter, author=therapist, finalise=False)
    return {"plan": plan.pk, "draft": draft.pk, "delivery": delivery.pk, "rehab_course": rehab_course.pk}


@pytest.mark.parametrize("kind", list(NASTY))
@pytest.mark.parametrize(
    ("method", "url", "actor", "serializer"),
    ENDPOINTS,
    ids=[f"{method} {url}" for method, url, _actor, _serializer in ENDPOINTS],
)
def test_nasty_input_is_answered_in_json_without_a_server_error(
    api_client, ids, therapist, visitator, method, url, actor, serializer, kind
):
    # given every writable field of the endpoint set to the same nasty value
    api_client.force_authenticate({"therapist": therapist, "visitator": visitator}[actor])
    body = "{" + ", ".join(f'"{name}": {NASTY[kind]}' for name in _writable(serializer)) + "}"
    # when it is sent
    response = api_client.generic(method.upper(), url.format(**ids), body, content_type="application/json")
    # then it is answered in JSON, refused (4xx) unless the value happens to be valid, and the plans still read
    assert response.status_code < 500, response.content[:300]
    assert response["Content-Type"] == "application/json"
    if response.status_code >= 400:  # a valid value (a correction reason "abc") is simply accepted
        assert "detail" in response.json()
    api_client.force_authenticate(therapist)
    assert api_client.get("/api/v1/rehab/plans/").status_code == 200
    assert api_client.get(f"/api/v1/rehab/plans/{ids['draft']}/").status_code == 200
