"""The discharge app's models, split by topic; import them from here."""

from discharge.models.messages import (
    DischargeLetter,
    DischargeNotice,
    DischargeReport,
    MunicipalReply,
    SuddenChange,
)
from discharge.models.planning import (
    PREPARE_BY_NEED,
    RULE_CODE_BY_NEED,
    DischargeConference,
    DischargeDateChange,
    DischargeNotification,
    DischargePlan,
    DischargeTimeProposal,
    FinishedTreatment,
    FunctionalAbility,
    Need,
)

__all__ = [
    "PREPARE_BY_NEED",
    "RULE_CODE_BY_NEED",
    "DischargeConference",
    "DischargeDateChange",
    "DischargeLetter",
    "DischargeNotice",
    "DischargeNotification",
    "DischargePlan",
    "DischargeReport",
    "DischargeTimeProposal",
    "FinishedTreatment",
    "FunctionalAbility",
    "MunicipalReply",
    "Need",
    "SuddenChange",
]
