"""Consent (l. 1406): without the citizen's consent nothing beyond the notices leaves the hospital, and the
discharge notification goes with its facts but without its free text."""

from typing import Any

import pytest

from admissions.models import Course
from discharge.models import DischargeLetter
from discharge.services import (
    discharge_letter_send,
    discharge_notification_send,
    discharge_plan_save,
    discharge_report_send,
)
from sundhedsaftale.errors import DomainError
from tests.factories.discharge import local


@pytest.mark.parametrize(
    ("send", "recipient"),
    [
        (
            lambda course, ward: discharge_letter_send(course=course, summary="Pneumoni", acting_user=ward),
            "gp",
        ),
        (
            lambda course, ward: discharge_report_send(
                course=course, functional_level="Rollator", nursing="Bad", acting_user=ward
            ),
            "municipality",
        ),
    ],
    ids=["epikrise", "report"],
)
def test_without_consent_nothing_beyond_the_notices_is_shared(
    course_admitted_16_november: Course, ward: Any, send: Any, recipient: str
) -> None:
    with pytest.raises(DomainError) as error:
        send(course_admitted_16_november, ward)

    assert error.value.code == "no_consent"
    assert error.value.message.startswith("Borgeren har ikke givet samtykke til at dele oplysninger med")
    assert not DischargeLetter.objects.exists() and not course_admitted_16_november.discharge_reports.exists()


def test_the_notifications_free_text_is_withheld_without_consent(
    course_admitted_16_november: Course, ward: Any, give_consent: Any
) -> None:
    """l. 1406: "Indhenter samtykke fra patienten til videregivelse af helbredsoplysninger." Without the
    citizen's consent the notice goes with its facts (time, planned date) and the free text stays at the
    hospital; with consent it goes."""
    plan = discharge_plan_save(
        course=course_admitted_16_november,
        functional_ability="reduced",
        need="home_care",
        planned_date=local(2026, 12, 29).date(),
        acting_user=ward,
    )

    withheld = discharge_notification_send(
        plan=plan, text="Hjælp til personlig pleje morgen", acting_user=ward
    )
    give_consent(course_admitted_16_november, ward)
    sent = discharge_notification_send(plan=plan, text="Hjælp til personlig pleje morgen", acting_user=ward)

    assert (withheld.text, withheld.planned_date) == ("", plan.planned_date)
    assert sent.text == "Hjælp til personlig pleje morgen"
