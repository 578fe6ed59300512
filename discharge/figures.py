"""Figures of the discharge area for the clusters and the steering group (numbers only, no citizen): each takes
a period ``start..end`` and optional organisation filters. The key figures (issue 15) read them from here."""

from discharge.selectors.figures import (
    AgreedCounts,
    NoticeCounts,
    OnTimeShare,
    PreparationTime,
    discharges_earlier_than_agreed,
    finished_bed_days_for_cluster,
    notice_obligations_per_rule,
    notification_on_time_share,
    preparation_time_given,
)

__all__ = [
    "AgreedCounts",
    "NoticeCounts",
    "OnTimeShare",
    "PreparationTime",
    "discharges_earlier_than_agreed",
    "finished_bed_days_for_cluster",
    "notice_obligations_per_rule",
    "notification_on_time_share",
    "preparation_time_given",
]
