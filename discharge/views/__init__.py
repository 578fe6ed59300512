"""Function views of discharge (HTML and htmx); every view showing citizen data writes the access log."""

from discharge.views.boards import municipal_discharges, ward_board
from discharge.views.course import (
    conference_outcome,
    conference_schedule,
    course_discharge,
    finished_treatment,
    letter_send,
    notice_send,
    notification_send,
    plan_edit,
    plan_preview,
    reply_send,
    report_send,
    sudden_change,
    sudden_change_acknowledge,
    time_proposal_answer,
    time_propose,
)
from discharge.views.letters import gp_letter_detail, gp_letter_mark_read, gp_letters

__all__ = [
    "conference_outcome",
    "conference_schedule",
    "course_discharge",
    "finished_treatment",
    "gp_letter_detail",
    "gp_letter_mark_read",
    "gp_letters",
    "letter_send",
    "municipal_discharges",
    "notice_send",
    "notification_send",
    "plan_edit",
    "plan_preview",
    "reply_send",
    "report_send",
    "sudden_change",
    "sudden_change_acknowledge",
    "time_proposal_answer",
    "time_propose",
    "ward_board",
]
