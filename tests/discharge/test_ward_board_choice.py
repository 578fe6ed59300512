"""The ward board: room and bed on each row; sorted by deadline (the default), name, room or admission; filtered
by need, home municipality and overdue deadlines — by a plain GET form, whose unknown values are ignored."""

import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from admissions.models import Course
from admissions.services import stay_set_place
from discharge.services import discharge_plan_save
from sundhedsaftale.access.models import AccessLog
from sundhedsaftale.deadlines.models import Deadline
from sundhedsaftale.workdays import local_date
from tests.factories import organisation_get

HTMX = {"HX-Request": "true"}


@pytest.fixture
def board(make_course: Any, ward: Any) -> dict[str, Course]:
    """Three citizens: Åse (Aarhus, room 10, home care in 20 days, admitted 5 days ago), Bo (Aarhus, room 2, same
    day discharge overdue, 3 days ago) and Carl (Randers, no room, no plan, yesterday)."""
    now = timezone.now()
    today = local_date(now)
    aase = make_course(admitted_at=now - timedelta(days=5))
    bo = make_course(admitted_at=now - timedelta(days=3))
    carl = make_course(admitted_at=now - timedelta(days=1), municipality=organisation_get("730"))
    for course, name in ((aase, "Åse Østergaard"), (bo, "Bo Andersen"), (carl, "Carl Ærø")):
        course.citizen.name = name
        course.citizen.save(update_fields=["name"])
    stay_set_place(course=aase, room="10", bed="1", acting_user=ward)
    stay_set_place(course=bo, room="2", bed="2", acting_user=ward)
    discharge_plan_save(
        course=aase,
        functional_ability="reduced",
        need="home_care",
        planned_date=today + timedelta(days=20),
        acting_user=ward,
    )
    discharge_plan_save(
        course=bo, functional_ability="unchanged", need="simple_nursing", planned_date=today, acting_user=ward
    )
    # overdue a minute ago, its warning before that (on any clock: before noon the same-day warning lies ahead)
    Deadline.objects.filter(citizen=bo.citizen).update(
        due_at=now - timedelta(minutes=1), warn_at=now - timedelta(minutes=2)
    )
    return {"aase": aase, "bo": bo, "carl": carl}


def shown(board: dict[str, Course], html: str) -> list[str]:
    """The board's rows, top to bottom, by fixture name."""
    by_pk = {str(course.pk): name for name, course in board.items()}
    return [by_pk[pk] for pk in re.findall(r'data-course="(\d+)"', html)]


def get(ward: Any, params: dict[str, str] | None = None, **headers: str) -> tuple[int, str]:
    client = Client()
    client.force_login(ward)
    response = client.get("/afdeling/tavle/", params or {}, headers=headers)
    return response.status_code, response.content.decode()


def test_the_board_shows_room_and_bed_and_keeps_the_cpr_on_one_line(
    board: dict[str, Course], ward: Any
) -> None:
    _status, html = get(ward)

    assert "Stue 10, seng 1" in html and "Stue 2, seng 2" in html
    assert f'<span class="app-cpr">{board["carl"].citizen.cpr_masked}</span>' in html


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("", ["bo", "aase", "carl"]),  # the overdue deadline first, no deadline last
        ("frist", ["bo", "aase", "carl"]),
        ("navn", ["bo", "carl", "aase"]),  # Å is the last letter
        ("stue", ["bo", "aase", "carl"]),  # room 2 before room 10, no room last
        ("indlagt", ["aase", "bo", "carl"]),  # admitted longest first
    ],
)
def test_the_board_sorts(board: dict[str, Course], ward: Any, sort: str, order: list[str]) -> None:
    _status, html = get(ward, {"sorter": sort} if sort else None)

    assert shown(board, html) == order


@pytest.mark.parametrize(
    ("params", "kept"),
    [
        ({"behov": "home_care"}, ["aase"]),
        ({"kommune": "730"}, ["carl"]),
        ({"overskredet": "1"}, ["bo"]),
        ({"kommune": "751", "sorter": "navn"}, ["bo", "aase"]),
    ],
)
def test_the_board_filters_and_logs_only_the_citizens_shown(
    board: dict[str, Course], ward: Any, params: dict[str, str], kept: list[str]
) -> None:
    _status, html = get(ward, params)

    assert shown(board, html) == kept
    assert f"{len(kept)} af 3 indlagte borgere" in html
    assert set(AccessLog.objects.values_list("citizen_id", flat=True)) == {board[k].citizen_id for k in kept}


def test_a_filter_nobody_matches_says_so(board: dict[str, Course], ward: Any) -> None:
    _status, html = get(ward, {"behov": "home_care", "overskredet": "1"})

    assert shown(board, html) == []
    assert "Ingen af afdelingens 3 indlagte borgere passer til filtret." in html


@pytest.mark.parametrize(
    "params",
    [
        {"sorter": "cpr", "behov": "alt", "overskredet": "måske"},
        {"kommune": "<script>alert(1)</script>"},
        {"sorter": "x" * 5000, "kommune": "7" * 100},
    ],
)
def test_unknown_values_are_ignored(board: dict[str, Course], ward: Any, params: dict[str, str]) -> None:
    status, html = get(ward, params)

    assert status == 200
    assert shown(board, html) == ["bo", "aase", "carl"]
    assert "<script>alert" not in html


def test_htmx_gets_only_the_rows_and_the_form_keeps_the_choice(board: dict[str, Course], ward: Any) -> None:
    _status, fragment = get(ward, {"sorter": "navn", "kommune": "751"}, **HTMX)
    _status, page = get(ward, {"sorter": "navn", "kommune": "751"})

    assert "<html" not in fragment and 'id="board-rows"' in fragment
    assert shown(board, fragment) == ["bo", "aase"]
    # the rows poll and the notification forms come back to the same choice
    assert 'hx-get="/afdeling/tavle/?sorter=navn&amp;kommune=751"' in fragment
    assert '<option value="navn" selected>' in page and '<option value="751" selected>' in page
    assert re.search(r'<option value="730">[^<]*Randers', page)
