"""The ward board sorted by room: rooms and beds are free text ("4", "12B", "B", "Isolation"), so the order must
hold whatever a ward calls them — never an error page for the whole ward."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from admissions.services import stay_set_place


@pytest.mark.parametrize(
    ("rooms", "order"),
    [
        # numbers as numbers, before names; a name after a number in the same room ("12B") after "12"
        ([("B", "1"), ("12B", "1"), ("4", "2"), ("12", "1")], ["4", "12", "12B", "B"]),
        # a superscript or other non-decimal digit is text, not a number
        ([("4²", "1"), ("4", "²"), ("Isolation", "A")], ["4", "4²", "Isolation"]),
    ],
    ids=["numbers-and-letters", "superscript-digits"],
)
def test_the_board_sorted_by_room_orders_any_room_names(
    make_course: Any, ward: Any, rooms: list[tuple[str, str]], order: list[str]
) -> None:
    # given citizens in rooms named with numbers, letters and both
    now = timezone.now()
    for room, bed in rooms:
        course = make_course(admitted_at=now - timedelta(days=1))
        stay_set_place(course=course, room=room, bed=bed, acting_user=ward)
    client = Client()
    client.force_login(ward)

    # when the nurse sorts the board by room
    response = client.get("/afdeling/tavle/", {"sorter": "stue"})

    # then the board is shown, the rooms in natural order
    assert response.status_code == 200
    html = response.content.decode()
    positions = [html.index(f"Stue {room}, seng") for room in order]
    assert positions == sorted(positions)
