"""``manage.py add_user USERNAME --organisation CODE --role ROLE``."""

import getpass
import io
from collections.abc import Iterator

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client, RequestFactory

from sundhedsaftale.organisations.models import Membership
from sundhedsaftale.organisations.services import REGIONAL_SECRETARIAT_GROUP

pytestmark = pytest.mark.django_db
PASSWORD = "sommer-i-skagen-77"


@pytest.fixture
def prompt(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """What the person types at the password prompts, in order; no environment password."""
    monkeypatch.delenv("SUNDHEDSAFTALE_PASSWORD", raising=False)
    answers: list[str] = []
    asked: list[str] = []

    def fake_getpass(question: str = "") -> str:
        asked.append(question)
        return answers.pop(0)

    monkeypatch.setattr(getpass, "getpass", fake_getpass)
    yield answers
    assert not answers, "not every prepared answer was asked for"


@pytest.fixture
def env_password(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("SUNDHEDSAFTALE_PASSWORD", PASSWORD)
    return PASSWORD


def add_user(*args: str) -> str:
    out = io.StringIO()
    call_command("add_user", *args, stdout=out)
    return out.getvalue()


def _can_log_in(username: str, password: str) -> bool:
    return authenticate(RequestFactory().post("/login/"), username=username, password=password) is not None


def test_a_member_is_created_with_the_password_from_the_environment(env_password: str) -> None:
    # when
    output = add_user(
        "karen.visitator", "--organisation", "730", "--role", "visitation", "--email", "k@example.dk"
    )
    # then the user exists with one membership in Randers and can log in
    user = User.objects.get(username="karen.visitator")
    assert [(m.organisation.code, m.role, m.is_lead) for m in user.memberships.all()] == [
        ("730", "visitation", False)
    ]
    assert user.email == "k@example.dk"
    assert not user.is_staff
    assert _can_log_in("karen.visitator", env_password)
    assert "oprettet" in output and "Randers" in output


def test_the_lead_flag_makes_the_member_a_lead(env_password: str) -> None:
    add_user("chef.auh", "--organisation", "AUH-ORT", "--role", "ward_staff", "--lead")
    assert Membership.objects.get(user__username="chef.auh").is_lead


def test_the_password_is_asked_for_twice_when_not_in_the_environment(prompt: list[str]) -> None:
    # given the person types the same password twice
    prompt.extend([PASSWORD, PASSWORD])
    # when
    add_user("jens.laege", "--organisation", "AUH", "--role", "integration")
    # then
    assert _can_log_in("jens.laege", PASSWORD)


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        pytest.param([PASSWORD, PASSWORD + "x"], "ikke ens", id="different-passwords"),
        pytest.param(["", ""], "tom", id="empty-password"),
        pytest.param(["kort", "kort"], "Adgangskoden kan ikke bruges", id="too-short"),
        pytest.param(["1234567890123", "1234567890123"], "Adgangskoden kan ikke bruges", id="only-digits"),
        pytest.param(["password1234", "password1234"], "Adgangskoden kan ikke bruges", id="common-password"),
    ],
)
def test_a_bad_password_at_the_prompt_is_refused(prompt: list[str], answers: list[str], message: str) -> None:
    prompt.extend(answers)
    with pytest.raises(CommandError, match=message):
        add_user("ole.visitator", "--organisation", "751", "--role", "visitation")
    assert not User.objects.filter(username="ole.visitator").exists()


@pytest.mark.parametrize(
    ("organisation", "role", "message"),
    [
        pytest.param("999", "visitation", "Ukendt organisationskode", id="unknown-organisation"),
        pytest.param("751", "doctor", "Ukendt rolle", id="unknown-role"),
        pytest.param("751", "ward_staff", "passer ikke", id="ward-staff-in-a-municipality"),
        pytest.param("AUH", "gp", "passer ikke", id="gp-at-a-hospital"),
        pytest.param("751", "regional_admin", "passer ikke", id="regional-admin-outside-the-region"),
    ],
)
def test_unknown_or_unfitting_organisation_and_role_are_refused(
    env_password: str, organisation: str, role: str, message: str
) -> None:
    with pytest.raises(CommandError, match=message):
        add_user("someone", "--organisation", organisation, "--role", role)
    assert not User.objects.filter(username="someone").exists()


def test_an_unknown_organisation_is_refused_before_the_password_is_asked(prompt: list[str]) -> None:
    with pytest.raises(CommandError, match="Ukendt organisationskode"):
        add_user("someone", "--organisation", "nowhere", "--role", "visitation")


def test_an_existing_user_gets_a_second_membership_and_keeps_the_password(
    env_password: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a visitation officer in Aarhus
    add_user("mette", "--organisation", "751", "--role", "visitation")
    # when she is added to Samsø, with another password in the environment
    monkeypatch.setenv("SUNDHEDSAFTALE_PASSWORD", "helt-anden-kode-99")
    output = add_user("mette", "--organisation", "741", "--role", "visitation")
    # then she is still one user, now with two memberships, and her password is unchanged
    assert User.objects.filter(username="mette").count() == 1
    assert sorted(
        Membership.objects.filter(user__username="mette").values_list("organisation__code", flat=True)
    ) == [
        "741",
        "751",
    ]
    assert _can_log_in("mette", env_password)
    assert "findes allerede" in output


def test_adding_the_same_membership_twice_changes_nothing(env_password: str) -> None:
    add_user("lars", "--organisation", "751", "--role", "visitation")
    add_user("lars", "--organisation", "751", "--role", "visitation")
    assert Membership.objects.filter(user__username="lars").count() == 1


def test_a_regional_admin_is_staff_in_the_regional_secretariat(env_password: str) -> None:
    # when
    add_user("sekretariat", "--organisation", "1082", "--role", "regional_admin")
    # then the user is staff, in the group, and may maintain the reference data but not delete it
    user = User.objects.get(username="sekretariat")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [REGIONAL_SECRETARIAT_GROUP]
    models = {
        "organisation": "organisations",
        "contact": "organisations",
        "openinghours": "organisations",
        "membership": "organisations",
        "rulesetadoption": "deadlines",
        "closedday": "deadlines",
    }
    for model, app in models.items():
        for action in ("add", "change", "view"):
            assert user.has_perm(f"{app}.{action}_{model}"), f"{action}_{model}"
        assert not user.has_perm(f"{app}.delete_{model}")


def test_a_regional_admin_can_edit_the_contact_list_in_the_admin(env_password: str) -> None:
    # given a regional admin created by the command
    add_user("sekretariat", "--organisation", "1082", "--role", "regional_admin")
    client = Client()
    client.force_login(User.objects.get(username="sekretariat"))
    # when the admin's contact list and Aarhus' contact are opened
    listing = client.get("/admin/organisations/contact/?q=Aarhus")
    # then both open, and the user cannot reach what is not theirs
    assert listing.status_code == 200
    assert client.get("/admin/auth/user/").status_code == 403
