"""Visibility of discharge records: through the course's citizen (the one rule in admissions.querysets); the
messages between the hospital and the municipality or the GP, to their two parties only (``PartyQuerySet``)."""

from datetime import date
from typing import Any, Self

from admissions.querysets import PartyQuerySet


class DischargeQuerySet(PartyQuerySet):
    """Records hanging on a course; visible exactly when the course's citizen is visible (plans, conferences:
    between no two organisations). The messages below name their parties."""

    parties: tuple[str, ...] = ()

    def for_municipality(self, municipality_id: int) -> Self:
        return self.filter(course__citizen__municipality_id=municipality_id)

    def for_practice(self, practice_id: int) -> Self:
        return self.filter(course__citizen__gp_practice_id=practice_id)

    def at_hospital(self, hospital_id: int) -> Self:
        return self.filter(course__hospital_id=hospital_id)


class DischargePlanQuerySet(DischargeQuerySet):
    def expected_between(self, start: date, end: date) -> Self:
        """Plans of open courses whose planned discharge date lies in ``start..end`` (inclusive)."""
        return self.filter(
            planned_date__gte=start,
            planned_date__lte=end,
            course__discharged_at__isnull=True,
            course__state__in=["admitted", "on_leave"],
        )

    def with_course(self) -> Any:
        return self.select_related(
            "course__citizen__municipality", "course__department__parent", "course__hospital"
        )


class DischargeMessageQuerySet(DischargeQuerySet):
    """Between the hospital side of the course and the municipality named on the record (notification, date
    change, finished treatment, notice, report, the municipality's reply): the citizen's GP is a third party."""

    parties = ("municipality",)
    hospital_side = "course"


class SuddenChangeQuerySet(DischargeQuerySet):
    """A sudden change goes between the hospital side and the citizen's municipality, whichever reports it."""

    parties = ("reported_by_org", "course__citizen__municipality")
    hospital_side = "course"


class DischargeLetterQuerySet(DischargeQuerySet):
    """The epikrise goes from the hospital side to the GP named on it: the municipality, although it sees the
    citizen, does not read it."""

    parties = ("gp_practice",)
    hospital_side = "course"
