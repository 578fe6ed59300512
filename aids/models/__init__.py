"""The aids app's models, split by topic; import them from here."""

from aids.models.catalogue import AidType, CapacityNote, Depot
from aids.models.disputes import LADDER, NEXT_LEVELS, Dispute, DisputeStep, Level, Outcome
from aids.models.loans import DEFAULT_TERMS, Loan
from aids.models.needs import AidNeed, MissingAidAlert

__all__ = [
    "DEFAULT_TERMS",
    "LADDER",
    "NEXT_LEVELS",
    "AidNeed",
    "AidType",
    "CapacityNote",
    "Depot",
    "Dispute",
    "DisputeStep",
    "Level",
    "Loan",
    "MissingAidAlert",
    "Outcome",
]
