from psychiatry.models.course import ContactPerson, Meeting, Notice, PsychiatricCourse, Relative
from psychiatry.models.plans import (
    CarePlan,
    ChildAssessment,
    DischargeStatement,
    Referral,
    TreatmentPlan,
)

__all__ = [
    "CarePlan",
    "ChildAssessment",
    "ContactPerson",
    "DischargeStatement",
    "Meeting",
    "Notice",
    "PsychiatricCourse",
    "Referral",
    "Relative",
    "TreatmentPlan",
]
