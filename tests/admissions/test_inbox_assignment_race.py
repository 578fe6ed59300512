"""Two visitators press "Tildel mig" on the same new notice at the same moment: one assignment per organisation is
a unique constraint, so the second insert fails — the second member must then take the item over, not get a 500."""

import threading
import time
from typing import Any

import pytest
from django.db import connection, transaction

from admissions.models import AdmissionNotice, Assignment
from admissions.services import assignment_take
from sundhedsaftale.organisations.actor import actor_for
from tests.factories.people import member


@pytest.mark.django_db(transaction=True)
def test_two_members_taking_a_new_item_at_once_both_succeed_and_the_later_has_it(
    visitator: Any, admit: Any
) -> None:
    # given a new notice nobody has taken, and a colleague of the visitator
    notice = AdmissionNotice.objects.get(course=admit(name="Tove Samtidig"))
    colleague = member("visitation", "751", first_name="Ole", last_name="Kollega")
    first_inserted, second_started = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def first() -> None:  # takes it, and commits only after the colleague has begun taking it too
        try:
            with transaction.atomic():
                assignment_take(item=notice, actor=actor_for(user=visitator))
                first_inserted.set()
                second_started.wait(10)
                time.sleep(0.5)  # the colleague's insert now waits on this row's unique key
        except BaseException as error:
            errors.append(error)
        finally:
            first_inserted.set()
            connection.close()

    def second() -> None:
        first_inserted.wait(10)
        second_started.set()
        try:
            assignment_take(item=notice, actor=actor_for(user=colleague))
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    # when both press "Tildel mig" at once
    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    # then neither gets an error, and the item has one assignment: the colleague's, who pressed last
    assert errors == []
    assert list(Assignment.objects.values_list("assignee_id", flat=True)) == [colleague.pk]
