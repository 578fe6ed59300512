"""The demo data: generated citizens at three hospitals, one log-in per role, and loading twice adds nothing."""

import io
from collections import Counter

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import RequestFactory
from stdnum.dk import cpr as stdnum_cpr

from admissions.demo import DEMO_PASSWORD_DEFAULT, demo_data_load
from admissions.models import Course, Stay
from sundhedsaftale.citizens.cpr import cpr_validate
from sundhedsaftale.citizens.models import Citizen
from sundhedsaftale.organisations.actor import actor_for
from sundhedsaftale.organisations.models import Membership

pytestmark = pytest.mark.django_db

ROLES = {
    "afdeling.auh": ("ward_staff", "AUH-ORT"),
    "afdeling.rhr": ("ward_staff", "RHR"),
    "afdeling.hev": ("ward_staff", "HEV"),
    "visitation.aarhus": ("visitation", "751"),
    "visitation.randers": ("visitation", "730"),
    "visitation.herning": ("visitation", "657"),
    "laege.aarhus": ("gp", "012345"),
    "styregruppe.aarhus": ("steering_group", "klynge-aarhus"),
    "region.admin": ("regional_admin", "1082"),
    "integration.auh": ("integration", "AUH"),
}


@pytest.fixture
def logins(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    monkeypatch.delenv("SUNDHEDSAFTALE_DEMO_PASSWORD", raising=False)
    return demo_data_load()


def test_there_is_one_demo_log_in_per_role_and_a_superuser(logins: list[tuple[str, str]]) -> None:
    assert [username for username, _ in logins] == [*ROLES, "drift"]
    for username, (role, code) in ROLES.items():
        membership = Membership.objects.select_related("organisation__parent").get(user__username=username)
        assert membership.role == role
        assert code in (
            membership.organisation.code,
            membership.organisation.parent.code if membership.organisation.parent else "",
        )
        assert authenticate(
            RequestFactory().post("/login/"), username=username, password=DEMO_PASSWORD_DEFAULT
        )
    drift = User.objects.get(username="drift")
    assert drift.is_superuser and not drift.memberships.exists()
    assert User.objects.get(username="region.admin").is_staff


def test_the_citizens_live_in_aarhus_randers_and_herning_with_courses_at_three_hospitals(
    logins: list[tuple[str, str]],
) -> None:
    residents = Counter(Citizen.objects.values_list("municipality__code", flat=True))
    assert Citizen.objects.count() >= 25
    assert all(residents[code] >= 3 for code in ("751", "730", "657"))
    assert set(Course.objects.values_list("hospital__code", flat=True)) == {"AUH", "RHR", "HEV"}
    assert Course.objects.filter(discharged_at__isnull=False).exists()
    assert set(Course.objects.values_list("kind", flat=True)) >= {"planned", "acute"}
    assert Stay.objects.count() >= Course.objects.count()
    assert all(s.department.parent_id == s.hospital_id for s in Stay.objects.select_related("department"))


def test_the_demo_cprs_are_valid_but_belong_to_nobody(logins: list[tuple[str, str]]) -> None:
    for cpr in Citizen.objects.values_list("cpr", flat=True):
        assert cpr_validate(cpr) == cpr
        assert stdnum_cpr.checksum(cpr) != 0, "passes modulus 11, like a real CPR issued before 2007"
        assert cpr[:4] != "0101"


def test_each_demo_visitation_sees_its_own_residents(logins: list[tuple[str, str]]) -> None:
    for username, code in [
        ("visitation.aarhus", "751"),
        ("visitation.randers", "730"),
        ("visitation.herning", "657"),
    ]:
        seen = Citizen.objects.visible_to(actor_for(user=User.objects.get(username=username)))
        assert seen.exists()
        assert set(seen.values_list("municipality__code", flat=True)) == {code}
    assert not Citizen.objects.visible_to(
        actor_for(user=User.objects.get(username="styregruppe.aarhus"))
    ).exists()
    assert Citizen.objects.visible_to(actor_for(user=User.objects.get(username="laege.aarhus"))).exists()


def test_loading_twice_adds_nothing(logins: list[tuple[str, str]]) -> None:
    counts = (
        Citizen.objects.count(),
        Course.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
    )
    assert demo_data_load() == logins
    assert (
        Citizen.objects.count(),
        Course.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
    ) == counts


def test_the_command_prints_the_log_ins_with_the_address(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SUNDHEDSAFTALE_DEMO_PASSWORD", raising=False)
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8000/" in text
    assert DEMO_PASSWORD_DEFAULT in text
    assert all(username in text for username in [*ROLES, "drift"])


def test_the_demo_password_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUNDHEDSAFTALE_DEMO_PASSWORD", "en-anden-demo-kode")
    demo_data_load()
    assert authenticate(
        RequestFactory().post("/login/"), username="region.admin", password="en-anden-demo-kode"
    )


def test_the_reference_data_command_is_idempotent() -> None:
    out = io.StringIO()
    call_command("load_reference_data", stdout=out)
    assert "0 nye organisationer" in out.getvalue()
    assert "19 kommune" in out.getvalue()
