"""Write use-cases of rehabilitation, split by topic; import them from here."""

from rehab.services.pdf import plan_pdf_render, plan_pdf_request
from rehab.services.plans import (
    plan_correct,
    plan_create,
    plan_deadline_sync,
    plan_finalise,
    plan_version_update,
)
from rehab.services.sending import (
    delivery_decline,
    delivery_forward,
    delivery_receive,
    first_contact_record,
    first_contact_sync,
    plan_send,
)
from rehab.services.training import (
    advance_notice_send,
    capacity_notice_create,
    final_status_send,
    rehab_course_end,
    rehab_course_start,
)

__all__ = [
    "advance_notice_send",
    "capacity_notice_create",
    "delivery_decline",
    "delivery_forward",
    "delivery_receive",
    "final_status_send",
    "first_contact_record",
    "first_contact_sync",
    "plan_correct",
    "plan_create",
    "plan_deadline_sync",
    "plan_finalise",
    "plan_pdf_render",
    "plan_pdf_request",
    "plan_send",
    "plan_version_update",
    "rehab_course_end",
    "rehab_course_start",
]
