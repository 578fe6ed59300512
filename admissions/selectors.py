"""Read use-cases for citizens and courses; every one starts from the visibility rule."""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from admissions.models import Citizen, Course


def citizen_list(*, user: Any) -> QuerySet[Citizen]:
    """Return the citizens the user may see, with municipality and GP."""
    return Citizen.objects.visible_to(user).select_related("municipality", "gp_practice")


def citizen_search(*, user: Any, text: str, limit: int = 50) -> list[Citizen]:
    """Return at most ``limit`` visible citizens whose CPR starts with or whose name contains ``text``."""
    return list(citizen_list(user=user).search(text).order_by("name")[:limit])


def citizen_get(*, user: Any, pk: int) -> Citizen:
    """Return the citizen if visible to the user; raise Http404 otherwise (existence is not leaked)."""
    return get_object_or_404(citizen_list(user=user), pk=pk)


def course_list_for_citizen(*, user: Any, citizen: Citizen) -> QuerySet[Course]:
    return (
        Course.objects.visible_to(user)
        .filter(citizen=citizen)
        .select_related("hospital", "department")
        .order_by("-admitted_at")
    )
