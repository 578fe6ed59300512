"""Write use-cases of admissions, by topic. Import them from here."""

from admissions.services.assignments import assignment_release, assignment_take
from admissions.services.citizens import (
    MasterDataDiffers,
    citizen_update_master_data,
    master_data_differences_shown,
)
from admissions.services.correspondence import (
    attachment_add,
    attachment_check,
    message_forward,
    message_mark_read,
    message_reply,
    message_send,
    thread_mark_read,
)
from admissions.services.course import (
    course_admit,
    course_care_relations_end,
    course_care_relations_sync,
    course_set_contact_person,
    course_transfer,
    leave_end,
    leave_start,
)
from admissions.services.lifecycle import (
    course_cancel,
    course_death_moment_check,
    course_discharge,
    course_record_death,
)
from admissions.services.notices import admission_notice_mark_read, home_care_resume
from admissions.services.records import (
    admission_report_request,
    admission_report_submit,
    consent_record,
    consent_withdraw,
    information_request_reply,
    information_request_send,
)
from admissions.services.stays import stay_set_place

__all__ = [
    "MasterDataDiffers",
    "admission_notice_mark_read",
    "admission_report_request",
    "admission_report_submit",
    "assignment_release",
    "assignment_take",
    "attachment_add",
    "attachment_check",
    "citizen_update_master_data",
    "consent_record",
    "consent_withdraw",
    "course_admit",
    "course_cancel",
    "course_care_relations_end",
    "course_care_relations_sync",
    "course_death_moment_check",
    "course_discharge",
    "course_record_death",
    "course_set_contact_person",
    "course_transfer",
    "home_care_resume",
    "information_request_reply",
    "information_request_send",
    "leave_end",
    "leave_start",
    "master_data_differences_shown",
    "message_forward",
    "message_mark_read",
    "message_reply",
    "message_send",
    "stay_set_place",
    "thread_mark_read",
]
