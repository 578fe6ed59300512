"""Registering aid needs: the decision recorded with its reason, overrides need a reason, the receiving party
sees the need at once, a foreign organisation does not."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from admissions.models import Course, CourseEvent
from aids import selectors, services
from aids.models import AidNeed, AidType
from sundhedsaftale.citizens.models import CareRelation
from sundhedsaftale.errors import Conflict, DomainError
from sundhedsaftale.organisations.actor import actor_for
from sundhedsaftale.workdays import local_date
from tests.factories import organisation_get


def test_a_need_is_decided_and_the_municipality_sees_it_at_once(
    course: Course, rollator: AidType, ward: User, visitator: User
) -> None:
    need = services.need_register(
        course=course, aid_type=rollator, situation="general_rehab", acting_user=ward, why="Går usikkert"
    )

    assert (need.delivers, need.pays) == ("municipality", "municipality")
    assert need.delivering_organisation == organisation_get("751")
    assert need.reason.startswith("Kommunen leverer, fordi")
    assert need.needed_from == course.discharge_plan.planned_date
    assert list(selectors.worklist(actor=actor_for(user=visitator))) == [need]
    assert CourseEvent.objects.filter(course=course, text__contains="Rollator registreret").exists()


def test_a_foreign_municipality_does_not_see_the_need(
    course: Course, rollator: AidType, ward: User, foreign_visitator: User
) -> None:
    services.need_register(course=course, aid_type=rollator, situation="general_rehab", acting_user=ward)

    assert not selectors.worklist(actor=actor_for(user=foreign_visitator)).exists()


def test_an_override_needs_a_reason_and_keeps_the_decision(
    course: Course, rollator: AidType, ward: User
) -> None:
    with pytest.raises(DomainError) as error:
        services.need_register(
            course=course, aid_type=rollator, situation="general_rehab", acting_user=ward, delivers="hospital"
        )
    assert error.value.field == "override_reason"

    need = services.need_register(
        course=course,
        aid_type=rollator,
        situation="general_rehab",
        acting_user=ward,
        delivers="hospital",
        override_reason="Aftalt med kommunen i telefonen",
    )

    assert (need.decided_delivers, need.delivers) == ("municipality", "hospital")
    assert need.is_overridden
    assert need.delivering_organisation == course.hospital


def test_an_unknown_situation_is_refused(course: Course, rollator: AidType, ward: User) -> None:
    with pytest.raises(DomainError) as error:
        services.need_register(course=course, aid_type=rollator, situation="x\x00" * 40, acting_user=ward)

    assert error.value.field == "situation"


def test_another_regions_patient_borrows_from_the_local_hospital_which_then_sees_the_citizen(
    course: Course, rollator: AidType, visitator: User, make_member
) -> None:
    course.hospital = organisation_get("RHR")  # treated elsewhere; Aarhus's local hospital is AUH
    need = services.need_register(
        course=course,
        aid_type=rollator,
        situation="hospital_treatment",
        treated_at="other_region",
        acting_user=visitator,
    )

    assert need.delivering_organisation == organisation_get("AUH")
    assert "borgerens lokale hospital" in need.reason


def test_a_terminal_patient_gets_the_fast_track_on_top(
    course: Course, rollator: AidType, ward: User, visitator: User
) -> None:
    slow = services.need_register(
        course=course, aid_type=rollator, situation="general_rehab", acting_user=ward
    )
    bed = AidType.objects.get(code="plejeseng")
    fast = services.need_register(
        course=course,
        aid_type=bed,
        situation="home_nursing",
        acting_user=ward,
        fast_track=True,
        needed_from=local_date(timezone.now()) + timedelta(days=20),
    )

    assert fast.target_at is not None
    assert fast.target_at - fast.created_at == timedelta(hours=services.FAST_TRACK_HOURS)
    assert list(selectors.worklist(actor=actor_for(user=visitator))) == [fast, slow]


def test_only_the_deliverer_delivers_and_only_once(
    course: Course, rollator: AidType, ward: User, visitator: User
) -> None:
    need = services.need_register(
        course=course, aid_type=rollator, situation="general_rehab", acting_user=ward
    )

    with pytest.raises(DomainError) as refused:
        services.need_deliver(need=need, acting_user=ward)
    assert refused.value.status_code == 403

    delivered = services.need_deliver(need=need, acting_user=visitator, note="Leveret i hjemmet")
    assert delivered.state == AidNeed.State.DELIVERED

    with pytest.raises(Conflict):
        services.need_deliver(need=need, acting_user=visitator)


def test_a_private_provider_gets_a_care_relation_until_the_need_is_cancelled(
    course: Course, rollator: AidType, ward: User
) -> None:
    private = organisation_get("RHR")
    need = services.need_register(
        course=course,
        aid_type=rollator,
        situation="hospital_treatment",
        treated_at="private",
        acting_user=ward,
        delivering_organisation=private,
    )
    relation = CareRelation.objects.get(source=f"aid_need:{need.pk}")
    assert relation.kind == "aid_provider" and relation.ends_at is None

    services.need_cancel(need=need, acting_user=ward, reason="Ikke længere behov")

    relation.refresh_from_db()
    assert relation.ends_at is not None
