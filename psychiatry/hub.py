"""Psychiatry's place on the course page (the hub): the psychiatric course of the admission, only for those who
hold a psychiatric care relation to it (``PsychiatricQuerySet``: the psychiatric department's own staff, and the
municipality and GP once informed). A somatic ward, or a municipality not yet informed, sees no trace of it;
the psychiatric department whose admission has no psychiatric course yet is led to its board to start one."""

from django.urls import reverse

from admissions.models import Course
from psychiatry.models import PsychiatricCourse
from psychiatry.querysets import hospital_side
from psychiatry.selectors import admissions_awaiting_course
from sundhedsaftale.areas import CourseAction, CourseLink
from sundhedsaftale.requests import AppRequest


def course_links(request: AppRequest, course: Course) -> list[CourseLink]:
    """The psychiatric course's page with its area and state; starting one from the psychiatric department."""
    actor = request.actor
    psychiatric = PsychiatricCourse.objects.visible_to(actor).filter(admission=course).first()
    if psychiatric is not None:
        status = f"{psychiatric.get_kind_display()} · {psychiatric.get_state_display().lower()}"
        return [CourseLink("Psykiatri", reverse("psychiatry-course", args=[psychiatric.pk]), status)]
    if hospital_side(actor) and admissions_awaiting_course(actor=actor).filter(pk=course.pk).exists():
        # the board asks for the legal status and consent the course starts with
        board = reverse("psychiatry-board")
        start = CourseAction("Start psykiatrisk forløb", board)
        return [CourseLink("Psykiatri", board, "Intet psykiatrisk forløb endnu", (start,))]
    return []
