"""The plan as structured JSON (annex 3.2 item by item), for integrations and the citizen's right of access."""

from typing import Any

from rehab.models import Plan, PlanVersion


def _org(organisation: Any) -> dict[str, str] | None:
    if organisation is None:
        return None
    return {"code": organisation.code, "name": str(organisation), "kind": organisation.kind}


def _icf(version: PlanVersion, prefix: str) -> dict[str, str]:
    return {
        "body_functions": getattr(version, f"{prefix}_body"),
        "activity_participation": getattr(version, f"{prefix}_activity"),
        "environment": getattr(version, f"{prefix}_environment"),
    }


def version_export(version: PlanVersion) -> dict[str, Any]:
    """Return one version structured after the items of annex 3.2."""
    citizen = version.plan.course.citizen
    return {
        "number": version.number,
        "state": version.state,
        "finalised_at": version.finalised_at,
        "correction_reason": version.correction_reason,
        "patient": {
            "cpr": citizen.cpr,
            "name": citizen.name,
            "address": citizen.address,
            "phone": citizen.phone,
        },
        "recipients": {
            "municipality": _org(version.recipient_municipality),
            "hospital": _org(version.recipient_hospital),
            "gp": _org(version.gp_practice),
        },
        "diagnosis": {"icd10": version.diagnosis_code, "meaning": version.diagnosis_text},
        "secondary_diagnoses": [
            {"icd10": d.get("code", ""), "meaning": d.get("text", "")}
            for d in version.secondary_diagnosis_rows
        ],
        "health_state": version.health_state,
        "practical": {
            "language": version.language,
            "wheelchair": version.wheelchair,
            "transport": version.transport_need,
            "other": version.practical_info,
        },
        "admission_date": version.admission_date,
        "discharge_date": version.discharge_date,
        "type": {
            "sks": version.plan_type,
            "label": version.get_plan_type_display(),
            "specialised_reason": version.specialised_reason or None,
        },
        "outpatient_control": {
            "answer": version.outpatient_control,
            "where": version.outpatient_control_where,
            "when": version.outpatient_control_when,
        },
        "contact_patient_on": version.contact_patient_on,
        "function_before_illness": _icf(version, "before"),
        "interventions": [
            {"sks": i.get("code", ""), "description": i.get("text", "")} for i in version.intervention_rows
        ],
        "interventions_note": version.interventions_note,
        "measurements": version.measurement_rows,
        "function_at_discharge": _icf(version, "discharge"),
        "rehab_need": _icf(version, "need"),
        "aids_handed_out": version.aids_handed_out,
        "supplementary": version.supplementary,
        "sender": {
            "department": _org(version.sender_department),
            "doctor": version.doctor_name,
            "doctor_phone": version.doctor_phone,
        },
        "contacts": [
            {
                "role": "author",
                "name": version.author_name,
                "phone": version.author_phone,
                "email": version.author_email,
            },
            {
                "role": "municipal_visitation",
                "name": version.municipal_contact_name,
                "phone": version.municipal_contact_phone,
                "address": version.municipal_contact_address,
            },
            {"role": "training_therapist", "name": version.trainer_name, "phone": version.trainer_phone},
        ],
        "appointment": {
            "at": version.appointment_at,
            "place": version.appointment_place,
            "weeks": version.appointment_weeks,
            "form": version.training_form,
            "phone": version.appointment_phone,
        }
        if version.is_specialised
        else None,
    }


def plan_export(*, plan: Plan) -> dict[str, Any]:
    """Return the plan with every version, newest first, and its deliveries."""
    versions = plan.versions.select_related(
        "recipient_municipality",
        "recipient_hospital",
        "gp_practice",
        "sender_department",
        "plan__course__citizen",
    ).order_by("-number")
    return {
        "id": plan.pk,
        "course": plan.course_id,
        "sent_at": plan.sent_at,
        "versions": [version_export(version) for version in versions],
        "deliveries": [
            {
                "recipient": d.recipient,
                "organisation": _org(d.organisation),
                "version": d.version.number,
                "sent_at": d.sent_at,
                "consent": d.consent,
                "received_at": d.received_at,
                "contacted_at": d.contacted_at,
                "closed_at": d.closed_at,
                "closed_reason": d.closed_reason,
            }
            for d in plan.deliveries.select_related("organisation", "version").order_by("sent_at", "pk")
        ],
    }
