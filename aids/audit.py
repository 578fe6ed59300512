"""Every write to aids records is audited with before/after (django-auditlog)."""

from auditlog.registry import auditlog


def register() -> None:
    from aids.models import AidNeed, AidType, CapacityNote, Depot, Dispute, DisputeStep, Loan, MissingAidAlert

    for model in (AidType, Depot, CapacityNote, AidNeed, MissingAidAlert, Loan, Dispute, DisputeStep):
        auditlog.register(model)
