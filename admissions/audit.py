"""Every write to a citizen's data is audited with before/after, CPR masked."""

from auditlog.registry import auditlog


def register() -> None:
    from admissions.models import (
        AdmissionNotice,
        AdmissionReport,
        Assignment,
        Attachment,
        Consent,
        Course,
        HomeCareService,
        InformationRequest,
        LeavePeriod,
        Message,
        Stay,
        Thread,
    )

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
        Assignment,
    ):
        auditlog.register(model)
