"""Read use-cases of discharge, by topic; import them from here. Every one that returns citizen data starts
from the visibility rule; the figures return numbers only."""

from discharge.selectors.course import (
    CourseDischarge,
    course_discharge_get,
    course_get,
    finished_bed_days,
    finished_bed_days_by_municipality,
    finished_bed_days_for_course,
    local_midnight,
    plan_deadline,
    plan_deadlines,
    planned_discharge_date,
)
from discharge.selectors.figures import (
    LetterCounts,
    OnTimeShare,
    WardCounts,
    expected_discharges_per_day,
    finished_bed_days_for_cluster,
    finished_waiting_count,
    letter_counts_for_practice,
    notification_on_time_share,
    ward_discharge_counts,
)
from discharge.selectors.lists import (
    BoardRow,
    board_courses,
    expected_discharges,
    letters_for_practice,
    recent_discharge_notices,
    sudden_changes_for_municipality,
    ward_board,
)

__all__ = [
    "BoardRow",
    "CourseDischarge",
    "LetterCounts",
    "OnTimeShare",
    "WardCounts",
    "board_courses",
    "course_discharge_get",
    "course_get",
    "expected_discharges",
    "expected_discharges_per_day",
    "finished_bed_days",
    "finished_bed_days_by_municipality",
    "finished_bed_days_for_cluster",
    "finished_bed_days_for_course",
    "finished_waiting_count",
    "letter_counts_for_practice",
    "letters_for_practice",
    "local_midnight",
    "notification_on_time_share",
    "plan_deadline",
    "plan_deadlines",
    "planned_discharge_date",
    "recent_discharge_notices",
    "sudden_changes_for_municipality",
    "ward_board",
    "ward_discharge_counts",
]
