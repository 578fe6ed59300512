from clusters.services.meetings import (
    decision_add,
    decision_follow_up,
    meeting_create,
    meeting_minutes_save,
    notice_announce,
)
from clusters.services.reports import report_render, report_request, reports_semiannual_create

__all__ = [
    "decision_add",
    "decision_follow_up",
    "meeting_create",
    "meeting_minutes_save",
    "notice_announce",
    "report_render",
    "report_request",
    "reports_semiannual_create",
]
