"""The beat scan: warning, then breach, then escalation a working day later — each exactly once.

The deadline: discharge planned Tuesday 22 April 2025 (after Easter), due end of Monday 14 April,
warning from Friday 11 April 08:00; responsible AUH-ORT, awaited by Aarhus (751).
"""

from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command

from admissions.models import Course
from sundhedsaftale.deadlines.models import Alert, ClosedDay, Deadline
from sundhedsaftale.deadlines.scan import alerts_notify, escalation_due_at, scan_due
from sundhedsaftale.deadlines.services import alert_acknowledge
from sundhedsaftale.deadlines.tasks import scan_deadlines
from sundhedsaftale.organisations.models import Membership
from sundhedsaftale.workdays import TZ
from tests.factories import CourseFactory, member, organisation_get
from tests.factories.deadlines import DeadlineFactory, home_care_deadline

pytestmark = pytest.mark.django_db


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=TZ)


@pytest.fixture
def deadline() -> Deadline:
    with time_machine.travel(local(2025, 4, 1, 9), tick=False):
        course: Course = CourseFactory.create(at="AUH-ORT")
        return home_care_deadline(course=course, discharge_on=date(2025, 4, 22))


def kinds(deadline: Deadline) -> Counter[tuple[str, str]]:
    return Counter(deadline.alerts.values_list("kind", "organisation__code"))


def test_nothing_happens_before_the_warning_time(deadline: Deadline) -> None:
    result = scan_due(now=local(2025, 4, 11, 7, 59))

    assert result.warned == result.breached == 0
    assert not deadline.alerts.exists()


def test_warning_then_breach_then_escalation(deadline: Deadline) -> None:
    # when the warning time passes
    scan_due(now=local(2025, 4, 11, 8, 0, 30))
    assert kinds(deadline) == {("warning", "AUH-ORT"): 1, ("warning", "751"): 1}
    deadline.refresh_from_db()
    assert deadline.state == Deadline.State.PENDING
    assert deadline.warned_at == local(2025, 4, 11, 8, 0, 30)

    # when the due time passes
    scan_due(now=local(2025, 4, 15, 0, 0, 30))
    deadline.refresh_from_db()
    assert deadline.state == Deadline.State.BREACHED
    assert kinds(deadline)[("breach", "AUH-ORT")] == kinds(deadline)[("breach", "751")] == 1

    # not yet escalated a few hours later, then escalated one working day after the breach
    assert scan_due(now=local(2025, 4, 15, 23, 0)).escalated == 0
    assert scan_due(now=local(2025, 4, 16, 0, 0, 30)).escalated == 2
    assert kinds(deadline) == {
        ("warning", "AUH-ORT"): 1,
        ("warning", "751"): 1,
        ("breach", "AUH-ORT"): 1,
        ("breach", "751"): 1,
        ("escalation", "AUH-ORT"): 1,
        ("escalation", "751"): 1,
    }


def test_a_breach_without_a_warning_gives_only_the_breach(deadline: Deadline) -> None:
    scan_due(now=local(2025, 4, 20, 12))

    assert kinds(deadline) == {("breach", "AUH-ORT"): 1, ("breach", "751"): 1}


def test_an_acknowledged_breach_is_not_escalated(deadline: Deadline) -> None:
    scan_due(now=local(2025, 4, 15, 0, 0, 30))
    user = member("ward_staff", "AUH-ORT")
    for alert in deadline.alerts.all():
        alert_acknowledge(alert=alert, acting_user=user)

    assert scan_due(now=local(2025, 4, 17, 12)).escalated == 0


def test_a_friday_breach_escalates_on_monday() -> None:
    # Friday 4 April 2025 10:00 -> the next working day is Monday 7 April.
    assert escalation_due_at(local(2025, 4, 4, 10)) == local(2025, 4, 7, 10)
    # Wednesday before Easter -> Tuesday after (Skærtorsdag to 2. påskedag are closed).
    assert escalation_due_at(local(2025, 4, 16, 0, 0, 30)) == local(2025, 4, 22, 0, 0, 30)


def test_each_organisation_escalates_on_its_own_next_working_day(deadline: Deadline) -> None:
    # given Aarhus municipality closed on Wednesday 16 April 2025 (a local closed day), the ward open
    ClosedDay.objects.create(organisation=organisation_get("751"), day=date(2025, 4, 16), reason="Flytning")
    scan_due(now=local(2025, 4, 15, 0, 0, 30))  # the breach, alerted to both

    # when a working day has passed for the ward, then only the ward's breach escalates
    assert scan_due(now=local(2025, 4, 16, 0, 0, 30)).escalated == 1
    assert kinds(deadline)[("escalation", "AUH-ORT")] == 1
    assert kinds(deadline)[("escalation", "751")] == 0
    # and Aarhus's escalates on its next working day: Tuesday 22 April (Easter in between)
    assert scan_due(now=local(2025, 4, 21, 23, 59)).escalated == 0
    assert scan_due(now=local(2025, 4, 22, 0, 0, 30)).escalated == 1
    assert kinds(deadline)[("escalation", "751")] == 1


def test_duplicated_runs_create_each_alert_exactly_once(deadline: Deadline) -> None:
    for _ in range(3):
        scan_due(now=local(2025, 4, 11, 9))
    for _ in range(3):
        scan_due(now=local(2025, 4, 15, 9))
    for _ in range(3):
        scan_due(now=local(2025, 4, 16, 10))

    assert set(kinds(deadline).values()) == {1}
    assert len(kinds(deadline)) == 6


def test_bounded_batches_drain_a_backlog() -> None:
    with time_machine.travel(local(2025, 4, 1, 9), tick=False):
        for _ in range(5):
            DeadlineFactory.create(due_at=local(2025, 4, 2, 12), warn_at=local(2025, 4, 2, 8))

    first = scan_due(now=local(2025, 4, 2, 13), batch_size=2)
    assert first.breached == 2
    assert first.more(2)
    while scan_due(now=local(2025, 4, 2, 13), batch_size=2).more(2):
        pass

    assert Deadline.objects.filter(state=Deadline.State.BREACHED).count() == 5
    assert Alert.objects.filter(kind=Alert.Kind.BREACH).count() == 10


def test_the_same_celery_task_delivered_twice_alerts_and_mails_once(deadline: Deadline) -> None:
    member("ward_staff", "AUH-ORT", email="sygeplejerske@example.dk")
    member("visitation", "751", email="visitator@example.dk")

    with time_machine.travel(local(2025, 4, 11, 8, 1), tick=False):
        scan_deadlines.apply()
        scan_deadlines.apply()

    assert kinds(deadline) == {("warning", "AUH-ORT"): 1, ("warning", "751"): 1}
    assert sorted(address for message in mail.outbox for address in message.to) == [
        "sygeplejerske@example.dk",
        "visitator@example.dk",
    ]


def test_the_mail_names_the_rule_and_the_inbox_but_never_the_citizen(deadline: Deadline) -> None:
    member("visitation", "751", email="visitator@example.dk")
    scan_due(now=local(2025, 4, 15, 0, 0, 30))

    assert alerts_notify(now=local(2025, 4, 15, 0, 1)) == 2

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    text = f"{message.subject} {message.body}"
    assert Deadline.objects.get(pk=deadline.pk).title in text
    assert "discharge.home_care" not in text
    assert "/advarsler/" in message.body
    assert "14.04.2025 kl. 23.59" in message.body
    citizen = deadline.citizen
    assert citizen is not None
    assert citizen.cpr not in text
    assert citizen.cpr_display not in text
    assert citizen.name not in text
    # notified once: a second round sends nothing
    assert alerts_notify(now=local(2025, 4, 15, 0, 2)) == 0
    assert len(mail.outbox) == 1


class RefusingMailServer(BaseEmailBackend):
    """A mail server that is down: every send raises, as smtplib does when the connection is refused."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        raise ConnectionRefusedError("mail server down")


def test_alerts_whose_mail_failed_are_mailed_on_the_next_run(deadline: Deadline, settings: Any) -> None:
    member("visitation", "751", email="visitator@example.dk")
    scan_due(now=local(2025, 4, 15, 0, 0, 30))
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.RefusingMailServer"}}

    with pytest.raises(ConnectionRefusedError):
        alerts_notify(now=local(2025, 4, 15, 0, 1))
    assert not Alert.objects.filter(notified_at__isnull=False).exists()  # not marked sent: nothing went

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    assert alerts_notify(now=local(2025, 4, 15, 0, 2)) == 2
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["visitator@example.dk"]


def test_escalations_are_mailed_to_the_leads_only(deadline: Deadline) -> None:
    lead = member("visitation", "751", email="leder@example.dk")
    Membership.objects.filter(user=lead).update(is_lead=True)
    member("visitation", "751", email="menig@example.dk")
    scan_due(now=local(2025, 4, 15, 0, 0, 30))
    alerts_notify(now=local(2025, 4, 15, 0, 1))
    mail.outbox.clear()

    scan_due(now=local(2025, 4, 16, 1))
    alerts_notify(now=local(2025, 4, 16, 1, 1))

    assert [message.to for message in mail.outbox] == [["leder@example.dk"]]


def test_the_management_command_runs_one_scan(deadline: Deadline, capsys: pytest.CaptureFixture[str]) -> None:
    with time_machine.travel(local(2025, 4, 15, 9), tick=False):
        call_command("scan_deadlines")

    assert "Overskredet: 1" in capsys.readouterr().out
    assert kinds(deadline)[("breach", "751")] == 1
