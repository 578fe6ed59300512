"""The discharge's place on the course page (the hub): where the discharge stands and what the viewer may do."""

from django.urls import reverse

from admissions.models import Course
from admissions.parties import Party, course_party_of_actor
from discharge.models import DischargePlan
from sundhedsaftale.areas import CourseAction, CourseLink
from sundhedsaftale.requests import AppRequest
from sundhedsaftale.templatetags.dansk import dato_tid, ugedag_dato

OPEN_STATES = (Course.State.ADMITTED, Course.State.ON_LEAVE)


def course_links(request: AppRequest, course: Course) -> list[CourseLink]:
    """The discharge page for every party of the course, with the hospital's planning and the municipality's
    reply as actions."""
    party = course_party_of_actor(course=course, actor=request.actor)
    if party is None:
        return []
    plan = DischargePlan.objects.visible_to(request.actor).filter(course=course).first()
    if course.discharged_at:
        status = f"Udskrevet {dato_tid(course.discharged_at)}"
    elif plan is not None:
        status = f"Udskrivning planlagt {ugedag_dato(plan.planned_date)}"
    else:
        status = "Ingen udskrivningsplan endnu"
    actions: list[CourseAction] = []
    if party == Party.HOSPITAL and course.state in OPEN_STATES:
        label = "Ret udskrivningsplanen" if plan else "Planlæg udskrivningen"
        actions.append(CourseAction(label, reverse("discharge-plan", args=[course.pk])))
    if party == Party.MUNICIPALITY and (plan is not None or course.discharged_at):
        actions.append(CourseAction("Svar afdelingen", reverse("discharge-reply", args=[course.pk])))
    return [CourseLink("Udskrivning", reverse("discharge-course", args=[course.pk]), status, tuple(actions))]
