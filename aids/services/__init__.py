"""Write use-cases of the aids area, split by topic; import them from here."""

from aids.services.disputes import closest_authority, dispute_decide, dispute_escalate, dispute_open
from aids.services.loans import capacity_note_create, loan_create, loan_follow_up_set, loan_return
from aids.services.needs import FAST_TRACK_HOURS, local_hospital_for, need_cancel, need_deliver, need_register
from aids.services.readiness import missing_aid_alert_acknowledge, missing_aid_alerts_raise

__all__ = [
    "FAST_TRACK_HOURS",
    "capacity_note_create",
    "closest_authority",
    "dispute_decide",
    "dispute_escalate",
    "dispute_open",
    "loan_create",
    "loan_follow_up_set",
    "loan_return",
    "local_hospital_for",
    "missing_aid_alert_acknowledge",
    "missing_aid_alerts_raise",
    "need_cancel",
    "need_deliver",
    "need_register",
]
