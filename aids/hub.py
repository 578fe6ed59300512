"""Aids' place on the course page (the hub): the course's aid needs for the parties that work with them — the
hospital side of the course and the citizen's municipality, and a delivering organisation that sees a need. The GP
is no party of an aid need (``AidNeedQuerySet``) and gets no link."""

from django.urls import reverse

from admissions.models import Course
from admissions.parties import Party, course_party_of_actor
from aids.models import AidNeed
from aids.selectors import needs_for_course
from sundhedsaftale.areas import CourseAction, CourseLink
from sundhedsaftale.requests import AppRequest


def course_links(request: AppRequest, course: Course) -> list[CourseLink]:
    """The aids page of the course with how many needs are open; registering a need while the course is open."""
    party = course_party_of_actor(course=course, actor=request.actor)
    if party == Party.GP:
        return []
    is_party = party in (Party.HOSPITAL, Party.MUNICIPALITY)
    states = list(needs_for_course(actor=request.actor, course=course).values_list("state", flat=True))
    if not is_party and not states:
        return []
    if states:
        waiting = states.count(AidNeed.State.OPEN)
        status = f"{len(states)} behov · {waiting or 'ingen'} afventer levering"
    else:
        status = "Ingen behov registreret"
    page = reverse("aids-course", args=[course.pk])
    actions: tuple[CourseAction, ...] = ()
    if is_party and course.discharged_at is None:
        actions = (CourseAction("Registrér behov", f"{page}#nyt-behov"),)
    return [CourseLink("Hjælpemidler", page, status, actions)]
