"""Every write to a citizen's data is audited with before/after, CPR masked."""

from auditlog.registry import auditlog

# The masking of the audit trail is the same as in logs and lists: the birth date stays, the sequence
# part is hidden (auditlog's default mask keeps the last half — the sequence part).
CPR_MASK = "admissions.cpr.cpr_mask"


def register() -> None:
    from admissions.models import (
        AdmissionNotice,
        AdmissionReport,
        Attachment,
        Citizen,
        Consent,
        Course,
        HomeCareService,
        InformationRequest,
        LeavePeriod,
        Message,
        Stay,
        Thread,
    )

    auditlog.register(Citizen, mask_fields=["cpr"], mask_callable=CPR_MASK)
    for model in (
        Course,
        Stay,
        Consent,
        LeavePeriod,
        AdmissionNotice,
        HomeCareService,
        AdmissionReport,
        InformationRequest,
        Thread,
        Message,
        Attachment,
    ):
        auditlog.register(model)
