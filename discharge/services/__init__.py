"""Write use-cases of the discharge app, by topic; import them from here."""

from discharge.services.agreement import discharge_time_proposal_answer, discharge_time_propose
from discharge.services.closing import plan_settle_at_discharge
from discharge.services.letters import discharge_letter_mark_read
from discharge.services.messages import (
    discharge_letter_send,
    discharge_notice_send,
    discharge_report_send,
    municipal_reply_send,
    sudden_change_acknowledge,
    sudden_change_report,
)
from discharge.services.planning import (
    discharge_notification_send,
    discharge_plan_save,
)
from discharge.services.treatment import (
    discharge_conference_record_outcome,
    discharge_conference_schedule,
    finished_treatment_record,
)

__all__ = [
    "discharge_conference_record_outcome",
    "discharge_conference_schedule",
    "discharge_letter_mark_read",
    "discharge_letter_send",
    "discharge_notice_send",
    "discharge_notification_send",
    "discharge_plan_save",
    "discharge_report_send",
    "discharge_time_proposal_answer",
    "discharge_time_propose",
    "finished_treatment_record",
    "municipal_reply_send",
    "plan_settle_at_discharge",
    "sudden_change_acknowledge",
    "sudden_change_report",
]
