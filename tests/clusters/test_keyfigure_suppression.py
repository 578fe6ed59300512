"""Small cells: a steering group never sees a count under 5, nor one it can work out by subtraction."""

from clusters.keyfigures.suppression import HIDDEN, Group, suppress


def test_a_count_under_five_is_shown_as_under_five() -> None:
    assert suppress({"Aarhus": 120, "Samsø": 3, "Odder": 0, "Skanderborg": 5}) == {
        "Aarhus": 120,
        "Samsø": HIDDEN,
        "Odder": HIDDEN,
        "Skanderborg": 5,
    }


def test_a_small_count_that_the_total_would_reveal_hides_the_next_smallest_too() -> None:
    """Klynge Aarhus 140 = Aarhus 120 + Samsø 3 + Odder 17: with the total shown, Samsø is 140 - 120 - 17."""
    values = {"Aarhus": 120, "Samsø": 3, "Odder": 17, "klynge": 140}

    shown = suppress(values, [Group(members=["Aarhus", "Samsø", "Odder"], total="klynge")])

    assert shown == {"Aarhus": 120, "Samsø": HIDDEN, "Odder": HIDDEN, "klynge": 140}


def test_two_small_counts_already_protect_each_other() -> None:
    values = {"Aarhus": 120, "Samsø": 3, "Odder": 2, "klynge": 125}

    shown = suppress(values, [Group(members=["Aarhus", "Samsø", "Odder"], total="klynge")])

    assert shown == {"Aarhus": 120, "Samsø": HIDDEN, "Odder": HIDDEN, "klynge": 125}


def test_a_group_with_one_member_hides_its_total() -> None:
    shown = suppress({"Samsø": 4, "klynge": 4}, [Group(members=["Samsø"], total="klynge")])

    assert shown == {"Samsø": HIDDEN, "klynge": HIDDEN}


def test_hiding_in_one_direction_carries_into_the_other() -> None:
    """A table of municipalities × months with row and column totals: hiding the second cell of a row makes
    its column hold one hidden cell, so the column hides one more."""
    Cell = tuple[str, int | str]
    values: dict[Cell, int] = {
        ("A", 1): 3,
        ("A", 2): 40,
        ("B", 1): 50,
        ("B", 2): 60,
        ("A", "sum"): 43,
        ("B", "sum"): 110,
        ("sum", 1): 53,
        ("sum", 2): 100,
    }
    groups: list[Group[Cell]] = [
        Group(members=[("A", 1), ("A", 2)], total=("A", "sum")),
        Group(members=[("B", 1), ("B", 2)], total=("B", "sum")),
        Group(members=[("A", 1), ("B", 1)], total=("sum", 1)),
        Group(members=[("A", 2), ("B", 2)], total=("sum", 2)),
    ]

    shown = suppress(values, groups)

    hidden = {key for key, value in shown.items() if value == HIDDEN}
    assert hidden == {("A", 1), ("A", 2), ("B", 1), ("B", 2)}
    for group in groups:  # no group shows its total with exactly one hidden member
        assert sum(1 for member in group.members if member in hidden) != 1
