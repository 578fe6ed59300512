"""Every write to a citizen's data is audited with before/after, CPR masked."""

from auditlog.registry import auditlog


def register() -> None:
    from admissions.models import Citizen, Course, Stay

    auditlog.register(Citizen, mask_fields=["cpr"])
    auditlog.register(Course)
    auditlog.register(Stay)
