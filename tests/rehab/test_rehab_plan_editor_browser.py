"""In the browser: the therapist looks a diagnosis up by a word, picks it into the plan, chooses the type, and
sees "Mangler" shrink as she goes (htmx; the autosave brings the summary along)."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from discharge import services as discharge
from rehab import services as rehab
from rehab.models import Plan, PlanVersion
from sundhedsaftale.workdays import local_date
from tests.factories import TEST_PASSWORD, CitizenFactory, member
from tests.factories.rehab import course_at

pytestmark = pytest.mark.browser


def test_a_code_looked_up_by_a_word_goes_into_the_plan_and_the_summary_shrinks(
    page: Any, login: Callable[[Any, str, str], None]
) -> None:
    # given a draft plan for a citizen whose discharge is planned in five days
    nurse = member("ward_staff", "AUH-ORT", first_name="Karen", last_name="Sygeplejerske")
    course = course_at(at="AUH-ORT", citizen=CitizenFactory(name="Lis Opslagsen"))
    planned = local_date(timezone.now()) + timedelta(days=5)
    discharge.discharge_plan_save(
        course=course, functional_ability="reduced", need="home_care", planned_date=planned, acting_user=nurse
    )
    plan = rehab.plan_create(course=course, acting_user=nurse)
    page.goto("/login/", timeout=60_000)  # a cold live server on a busy machine is slow to its first page
    login(page, nurse.username, TEST_PASSWORD)
    page.goto(f"/genoptraening/plan/{plan.pk}/")
    missing = page.get_by_test_id("plan-missing")
    assert missing.get_by_role("link", name="Henvisningsdiagnose (pkt. 3)").is_visible()
    assert missing.get_by_role("link", name="Type af genoptræning (pkt. 6)").is_visible()
    # the discharge date is the discharge plan's, the author her name
    assert page.get_by_label("5b. Udskrivningsdato").input_value() == planned.strftime("%d.%m.%Y")
    assert page.get_by_label("17. Udfyldt af (titel og navn)").input_value() == "Karen Sygeplejerske"

    # when she types a word of the diagnosis into the look-up and picks the code it finds
    page.get_by_label("Find ICD-10-kode").press_sequentially("lårbenshals", delay=30)
    page.get_by_role("button", name="S72.0 Brud på lårbenshals (collum femoris)").click()

    # then the code and its meaning are in the referral diagnosis, and the summary no longer asks for it
    assert page.get_by_label("3. Henvisningsdiagnose (ICD-10)").input_value() == "S72.0"
    assert page.get_by_label("Kodebetydning").first.input_value() == "Brud på lårbenshals (collum femoris)"
    missing.get_by_role("link", name="Henvisningsdiagnose (pkt. 3)").wait_for(state="detached")
    assert missing.get_by_role("link", name="Type af genoptræning (pkt. 6)").is_visible()

    # and when she chooses the type of rehabilitation, that line goes too
    page.get_by_role("radio", name="Almen genoptræning (ZZ0175X)").check()
    missing.get_by_role("link", name="Type af genoptræning (pkt. 6)").wait_for(state="detached")
    version = Plan.objects.get(pk=plan.pk).latest
    assert (version.diagnosis_code, version.plan_type) == ("S72.0", "ZZ0175X")

    # and the summary's links lead to the fields still to fill in
    missing.get_by_role("link", name="Ambulant kontrol (pkt. 7)").click()
    assert page.evaluate("location.hash") == "#id_outpatient_control_0"


def test_an_autosave_refused_because_a_colleague_finalised_the_plan_says_so_in_place(
    page: Any, login: Callable[[Any, str, str], None]
) -> None:
    # given a therapist with the draft plan open in the editor
    nurse = member("ward_staff", "AUH-ORT", first_name="Karen", last_name="Sygeplejerske")
    course = course_at(at="AUH-ORT", citizen=CitizenFactory(name="Lis Konfliktsen"))
    discharge.discharge_plan_save(
        course=course,
        functional_ability="reduced",
        need="home_care",
        planned_date=local_date(timezone.now()) + timedelta(days=5),
        acting_user=nurse,
    )
    plan = rehab.plan_create(course=course, acting_user=nurse)
    page.goto("/login/", timeout=60_000)
    login(page, nurse.username, TEST_PASSWORD)
    page.goto(f"/genoptraening/plan/{plan.pk}/")
    # and a colleague finalises the version in another window meanwhile
    PlanVersion.objects.filter(pk=plan.latest.pk).update(
        state=PlanVersion.State.FINAL, finalised_at=timezone.now()
    )

    # when she goes on typing, and the autosave is refused (409)
    page.get_by_label("17. Udfyldt af (titel og navn)").press_sequentially(", fysioterapeut", delay=20)

    # then the refusal's Danish message is shown where "Gemt" would be, and nothing was saved
    status = page.get_by_test_id("autosave-status")
    status.get_by_text("Versionen er færdiggjort og kan ikke ændres. Opret en rettelse.").wait_for()
    assert "fysioterapeut" not in Plan.objects.get(pk=plan.pk).latest.author_name
