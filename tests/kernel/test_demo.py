"""The whole demo (every app's loader, then one deadline scan): every screen has content, twice adds nothing."""

import io
from datetime import datetime

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from admissions.selectors import inbox_for
from discharge.models import DischargeLetter, DischargePlan, FinishedTreatment, MunicipalReply
from discharge.selectors import ward_board
from rehab.models import CapacityNotice, Plan
from sundhedsaftale.deadlines.models import Alert, Deadline
from sundhedsaftale.organisations.actor import actor_for
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.workdays import TZ, local_date

pytestmark = pytest.mark.django_db

DEMO_APPS = ("admissions", "discharge", "rehab", "deadlines", "clusters", "organisations", "citizens", "auth")


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in DEMO_APPS
    }


@pytest.fixture
def demo(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    monkeypatch.delenv("SUNDHEDSAFTALE_DEMO_PASSWORD", raising=False)
    call_command("load_demo_data", stdout=io.StringIO())
    return _counts()


def _user(username: str) -> User:
    return User.objects.get(username=username)


def test_loading_the_demo_twice_adds_nothing(demo: dict[str, int]) -> None:
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    assert _counts() == demo
    assert "afdeling.auh" in out.getvalue()


def test_the_auh_ward_board_shows_its_current_citizens(demo: dict[str, int]) -> None:
    user = _user("afdeling.auh")
    department = Organisation.objects.get(code="AUH-ORT")
    rows = ward_board(
        actor=actor_for(user=user, organisation=department),
        organisation=department,
        today=local_date(timezone.now()),
        now=timezone.now(),
    )
    assert len(rows) >= 5
    assert {row.urgency for row in rows} >= {"breached", "due-soon"}
    assert {row.course.citizen.municipality.code for row in rows} >= {"751", "741"}


def test_the_ward_board_page_lists_citizens_instead_of_none(demo: dict[str, int]) -> None:
    client = Client()
    client.force_login(_user("afdeling.auh"))
    page = client.get("/afdeling/tavle/").content.decode()
    assert "Ingen indlagte borgere" not in page


def test_aarhus_visitation_has_notices_reports_and_unread_correspondence(demo: dict[str, int]) -> None:
    aarhus = Organisation.objects.get(kind="municipality", code="751")
    inbox = inbox_for(
        actor=actor_for(user=_user("visitation.aarhus"), organisation=aarhus), organisation=aarhus
    )
    assert inbox.notices.filter(read_at__isnull=True).exists()
    assert inbox.notices.filter(read_at__isnull=False).exists()
    assert inbox.report_requests.exists()
    assert inbox.unread_messages.exists()


def test_the_gp_has_listed_patients_open_questions_and_epikriser(demo: dict[str, int]) -> None:
    practice = Organisation.objects.get(code="012345")
    inbox = inbox_for(
        actor=actor_for(user=_user("laege.aarhus"), organisation=practice), organisation=practice
    )
    assert inbox.information_requests.count() == 2  # one due within hours, one overdue
    assert DischargeLetter.objects.filter(gp_practice=practice).count() >= 2


@pytest.mark.parametrize("code", ["AUH-ORT", "751"], ids=["auh-department", "aarhus"])
def test_the_alert_inbox_is_not_empty(demo: dict[str, int], code: str) -> None:
    assert Alert.objects.filter(organisation__code=code, acknowledged_at__isnull=True).exists()


def test_the_deadlines_are_in_every_state(demo: dict[str, int]) -> None:
    now = timezone.now()
    plans = Deadline.objects.filter(rule_code__startswith="discharge.")
    assert plans.filter(state="breached").exists()
    assert plans.filter(state="met").exists()
    assert any(d.urgency(now) == "due-soon" for d in plans.filter(state="pending"))
    assert set(DischargePlan.objects.values_list("need", flat=True)) == {
        "simple_nursing",
        "home_care",
        "special_aids",
        "housing",
    }
    info = Deadline.objects.filter(rule_code="admission.info_reply")
    assert info.filter(state="breached").exists()
    assert Deadline.objects.filter(rule_code="rehab.first_contact", state="pending").exists()
    assert Deadline.objects.filter(rule_code="rehab.first_contact", state="met", met_late=False).exists()


def test_the_discharge_and_rehab_stories_are_there(demo: dict[str, int]) -> None:
    finished = FinishedTreatment.objects.select_related("course").first()
    assert finished is not None and finished.finished_on < local_date(timezone.now())
    assert MunicipalReply.objects.filter(answer=MunicipalReply.Answer.NEEDS_TIME).exists()
    assert Plan.objects.filter(sent_at__isnull=True).exists()  # a draft
    assert Plan.objects.filter(sent_at__isnull=False, course__citizen__municipality__code="751").exists()
    assert CapacityNotice.objects.exists()


@pytest.mark.parametrize(
    "moment",
    [datetime(2026, 11, 23, 7, 30), datetime(2026, 12, 24, 15, 0), datetime(2027, 1, 1, 9, 0)],
    ids=["monday-morning", "christmas-eve", "new-years-day"],
)
def test_the_demo_loads_on_any_day_with_deadlines_in_warning(
    monkeypatch: pytest.MonkeyPatch, moment: datetime
) -> None:
    # The planned dates are searched relative to now; weekends and holidays must not trip a service.
    monkeypatch.delenv("SUNDHEDSAFTALE_DEMO_PASSWORD", raising=False)
    with time_machine.travel(moment.replace(tzinfo=TZ), tick=False):
        call_command("load_demo_data", stdout=io.StringIO())
        now = timezone.now()
        pending = Deadline.objects.filter(rule_code__startswith="discharge.", state="pending")
        assert any(deadline.urgency(now) == "due-soon" for deadline in pending)
        assert Deadline.objects.filter(rule_code__startswith="discharge.", state="breached").exists()
