"""The rehab app's models, split by topic; import them from here."""

from rehab.models.plan import CONTENT_FIELDS, OutpatientControl, Plan, PlanType, PlanVersion
from rehab.models.sending import Delivery, FirstContact
from rehab.models.training import AdvanceNotice, CapacityNotice, FinalStatus, PlanPdf, RehabCourse

__all__ = [
    "CONTENT_FIELDS",
    "AdvanceNotice",
    "CapacityNotice",
    "Delivery",
    "FinalStatus",
    "FirstContact",
    "OutpatientControl",
    "Plan",
    "PlanPdf",
    "PlanType",
    "PlanVersion",
    "RehabCourse",
]
