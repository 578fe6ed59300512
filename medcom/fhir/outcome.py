"""The answer to a received message: a FHIR OperationOutcome naming what became of it. Pure: no Django."""

from collections.abc import Sequence
from typing import Any

from fhir.resources.R4B.operationoutcome import OperationOutcome

from medcom.fhir.bundle import Issue

OUTCOME_SYSTEM = "urn:sundhedsaftale:medcom-outcome"


def operation_outcome(
    *, outcome: str, detail: str, issues: Sequence[Issue] = (), message_id: str = "", duplicate: bool = False
) -> dict[str, Any]:
    """An OperationOutcome (JSON) for a message: an error issue per problem of a refused message, else one
    informational issue whose coding is the outcome (``applied``, ``stale``, ``duplicate`` ...)."""
    coding = {"system": OUTCOME_SYSTEM, "code": "duplicate" if duplicate else outcome}
    if issues:
        entries = [
            {
                "severity": "error",
                "code": issue.code if issue.code in _ISSUE_TYPES else "invalid",
                "details": {"coding": [coding], "text": issue.diagnostics},
                "diagnostics": issue.diagnostics,
                **({"expression": [issue.expression]} if issue.expression else {}),
            }
            for issue in issues
        ]
    else:
        entries = [
            {
                "severity": "information",
                "code": "informational",
                "details": {"coding": [coding], "text": detail or outcome},
                "diagnostics": f"{message_id}: {detail}" if message_id else detail,
            }
        ]
    resource = OperationOutcome.model_validate({"resourceType": "OperationOutcome", "issue": entries})
    return resource.model_dump(mode="json", exclude_none=True)


# The FHIR issue-type codes a refusal uses (http://hl7.org/fhir/issue-type); anything else reads as "invalid".
_ISSUE_TYPES = frozenset(
    {
        "invalid",
        "structure",
        "required",
        "value",
        "code-invalid",
        "not-found",
        "forbidden",
        "processing",
        "duplicate",
        "too-costly",
        "business-rule",
        "conflict",
        "login",
        "throttled",
    }
)
