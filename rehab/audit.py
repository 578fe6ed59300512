"""Every write to rehabilitation records is audited with before/after (django-auditlog)."""

from auditlog.registry import auditlog


def register() -> None:
    from rehab.models import (
        AdvanceNotice,
        CapacityNotice,
        Delivery,
        FinalStatus,
        FirstContact,
        Plan,
        PlanVersion,
        RehabCourse,
    )

    for model in (
        Plan,
        PlanVersion,
        Delivery,
        FirstContact,
        RehabCourse,
        FinalStatus,
        AdvanceNotice,
        CapacityNotice,
    ):
        auditlog.register(model)
