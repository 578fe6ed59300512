"""The admissions app's models, split by topic; import them from here."""

from admissions.models.assignments import Assignment
from admissions.models.correspondence import Attachment, Message, MessageRead, Thread
from admissions.models.course import Course, Stay
from admissions.models.records import (
    AdmissionNotice,
    AdmissionReport,
    Consent,
    CourseEvent,
    HomeCareService,
    InformationRequest,
    LeavePeriod,
)

__all__ = [
    "AdmissionNotice",
    "AdmissionReport",
    "Assignment",
    "Attachment",
    "Consent",
    "Course",
    "CourseEvent",
    "HomeCareService",
    "InformationRequest",
    "LeavePeriod",
    "Message",
    "MessageRead",
    "Stay",
    "Thread",
]
