"""The plan editor's help: "Mangler" lists what finalising still needs, each line a link to its field, on the
page and live after each autosave; the discharge date comes from the discharge plan, the author from the
user's name."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from admissions.models import Course
from discharge import services as discharge
from rehab import services as rehab
from rehab.models import Plan
from sundhedsaftale.workdays import local_date
from tests.factories import member
from tests.factories.rehab import course_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def nurse(db: None) -> User:
    return member("ward_staff", "AUH-ORT", first_name="Karen", last_name="Sygeplejerske")


@pytest.fixture
def admitted(db: None, nurse: User) -> Course:
    """A course at AUH-ORT whose discharge plan says the citizen goes home in five days."""
    course = course_at(at="AUH-ORT")
    discharge.discharge_plan_save(
        course=course,
        functional_ability="reduced",
        need="home_care",
        planned_date=local_date(timezone.now()) + timedelta(days=5),
        acting_user=nurse,
    )
    return course


def _missing_links(html: str) -> list[str]:
    """The anchors the "Mangler" box links to, in order."""
    box = html.split('id="plan-missing"', 1)[1].split("<nav", 1)[0]
    return re.findall(r'<a href="#([^"]+)">', box)


def test_the_summary_lists_what_is_missing_and_shrinks_as_the_plan_is_filled_in(
    client: Client, admitted: Course, nurse: User
) -> None:
    # given a new plan: recipients, dates and author are filled in from the course
    plan = rehab.plan_create(course=admitted, acting_user=nurse)
    client.force_login(nurse)

    # then "Mangler" links to the four fields the therapist must still fill in
    page = client.get(f"/genoptraening/plan/{plan.pk}/").content.decode()
    assert _missing_links(page) == [
        "id_plan_type_0",
        "id_diagnosis_code",
        "id_outpatient_control_0",
        "id_need_body",
    ]
    for anchor in ("id_plan_type_0", "id_diagnosis_code", "id_outpatient_control_0", "id_need_body"):
        assert f'id="{anchor}"' in page  # each link leads to a control on the page

    # when the autosave (htmx) sends a type and a diagnosis
    response = client.post(
        f"/genoptraening/plan/{plan.pk}/autosave/",
        {
            "plan_type": "ZZ0175X",
            "diagnosis_code": "S72.0",
            "recipient_municipality": admitted.citizen.municipality_id,
            "author_name": "Karen Sygeplejerske",
        },
        headers={"HX-Request": "true"},
    )
    # then its answer replaces the summary out of band, with only what is still missing
    body = response.content.decode()
    assert response.status_code == 200 and "Gemt kl." in body and 'hx-swap-oob="innerHTML"' in body
    assert _missing_links(body) == ["id_outpatient_control_0", "id_need_body"]

    # and a plain submit (no JavaScript) shows the same on the page it leads back to
    response = client.post(
        f"/genoptraening/plan/{plan.pk}/gem/",
        {
            "plan_type": "ZZ0175X",
            "diagnosis_code": "S72.0",
            "outpatient_control": "no",
            "need_activity": "Gang",
            "recipient_municipality": admitted.citizen.municipality_id,
            "author_name": "Karen Sygeplejerske",
            "save": "1",
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert _missing_links(page) == []
    assert "Alt påkrævet er udfyldt" in page


def test_a_new_plan_takes_the_planned_discharge_date_and_the_users_name(
    client: Client, admitted: Course, nurse: User
) -> None:
    client.force_login(nurse)
    client.post(f"/genoptraening/forloeb/{admitted.pk}/ny-plan/")
    version = Plan.objects.get(course=admitted).latest
    assert version.discharge_date == local_date(timezone.now()) + timedelta(days=5)
    assert version.author_name == "Karen Sygeplejerske" != nurse.username


def test_an_empty_draft_shows_the_planned_discharge_date_and_the_users_name(
    client: Client, admitted: Course, nurse: User
) -> None:
    # given a draft whose discharge date and author were cleared
    plan = rehab.plan_create(course=admitted, acting_user=nurse)
    rehab.plan_version_update(
        version=plan.latest, data={"discharge_date": None, "author_name": ""}, acting_user=nurse
    )
    # when a colleague without a name on file and one with a name open it
    nameless = member("ward_staff", "AUH-ORT")
    for user, author in ((nurse, "Karen Sygeplejerske"), (nameless, nameless.username)):
        client.force_login(user)
        response = client.get(f"/genoptraening/plan/{plan.pk}/")
        form = response.context["form"]
        # then the fields start at the discharge plan's date and the user's name (the log-in only without one)
        assert form["discharge_date"].value() == local_date(timezone.now()) + timedelta(days=5)
        assert form["author_name"].value() == author
        assert "Planlagt udskrivning fra udskrivningsplanen" in response.content.decode()
