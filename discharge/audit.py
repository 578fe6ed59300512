"""Every write to discharge records is audited with before/after (django-auditlog)."""

from auditlog.registry import auditlog


def register() -> None:
    from discharge import models

    for model in (
        models.DischargePlan,
        models.DischargeDateChange,
        models.DischargeTimeProposal,
        models.DischargeNotification,
        models.FinishedTreatment,
        models.DischargeConference,
        models.DischargeNotice,
        models.DischargeReport,
        models.DischargeLetter,
        models.MunicipalReply,
        models.SuddenChange,
    ):
        auditlog.register(model)
