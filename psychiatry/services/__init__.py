"""Write use-cases of psychiatry, by topic. Import them from here."""

from psychiatry.services.child import (
    end_notice_send,
    expected_discharge_inform,
    finished_treatment_record,
    planned_end_set,
    referral_receive,
    referral_visitate,
    statement_write,
    treatment_start,
    waitlist_contact_needed_now,
    waitlist_contact_offer,
)
from psychiatry.services.courses import (
    contact_person_add,
    course_inform,
    course_start_admitted,
    course_update,
    discharge_time_agree,
    meeting_record,
    meeting_schedule,
    notice_send,
    relative_add,
    treatment_plan_write,
)
from psychiatry.services.ending import (
    course_complete,
    course_sync_with_admission,
    course_unplanned_discharge,
    gp_letter_send,
)
from psychiatry.services.notices import notice_mark_read
from psychiatry.services.plans import action_plan_follow_up, care_plan_save, child_assessment_record

__all__ = [
    "action_plan_follow_up",
    "care_plan_save",
    "child_assessment_record",
    "contact_person_add",
    "course_complete",
    "course_inform",
    "course_start_admitted",
    "course_sync_with_admission",
    "course_unplanned_discharge",
    "course_update",
    "discharge_time_agree",
    "end_notice_send",
    "expected_discharge_inform",
    "finished_treatment_record",
    "gp_letter_send",
    "meeting_record",
    "meeting_schedule",
    "notice_mark_read",
    "notice_send",
    "planned_end_set",
    "referral_receive",
    "referral_visitate",
    "relative_add",
    "statement_write",
    "treatment_plan_write",
    "treatment_start",
    "waitlist_contact_needed_now",
    "waitlist_contact_offer",
]
