"""Rehabilitation's place on the course page (the hub): the course's plans for the hospital that writes them,
the plans received for the municipality or GP that got them, with what each may do."""

from django.urls import reverse

from admissions.models import Course
from admissions.parties import Party, course_party_of_actor
from rehab.models import Delivery, Plan
from sundhedsaftale.areas import CourseAction, CourseLink
from sundhedsaftale.requests import AppRequest
from sundhedsaftale.templatetags.dansk import dato, dato_tid

OPEN_STATES = (Course.State.ADMITTED, Course.State.ON_LEAVE)


def _plan_links(request: AppRequest, course: Course) -> list[CourseLink]:
    plans = Plan.objects.visible_to(request.actor).filter(course=course).prefetch_related("versions")
    links = []
    for plan in plans:
        latest = max(plan.versions.all(), key=lambda version: version.number, default=None)
        status = "" if latest is None else f"Version {latest.number}: {latest.get_state_display().lower()}"
        if plan.sent_at:
            status += f", sendt {dato_tid(plan.sent_at)}"
        links.append(CourseLink("Genoptræningsplan", reverse("rehab-plan", args=[plan.pk]), status))
    if not links and course.state in OPEN_STATES:
        create = CourseAction(
            "Opret genoptræningsplan", reverse("rehab-plan-create", args=[course.pk]), post=True
        )
        links.append(CourseLink("Genoptræning", reverse("rehab-ward"), "Ingen genoptræningsplan", (create,)))
    return links


def _received_links(request: AppRequest, course: Course) -> list[CourseLink]:
    deliveries = (
        Delivery.objects.visible_to(request.actor)
        .filter(plan__course=course, organisation_id__in=request.actor.party_ids)
        .exclude(recipient=Delivery.Recipient.CITIZEN)
        .order_by("sent_at", "pk")
    )
    links = []
    for delivery in deliveries:
        if delivery.contacted_at:
            status = f"Borgeren kontaktet {dato(delivery.contacted_at)}"
        elif delivery.received_at:
            status = f"Modtaget {dato_tid(delivery.received_at)}"
        else:
            status = f"Sendt {dato_tid(delivery.sent_at)}, ikke kvitteret"
        actions: tuple[CourseAction, ...] = ()
        if delivery.received_at is None and delivery.closed_at is None:
            receive = reverse("rehab-delivery-receive", args=[delivery.pk])
            actions = (CourseAction("Kvittér for modtagelsen", receive, post=True),)
        url = reverse("rehab-delivery", args=[delivery.pk])
        links.append(CourseLink("Modtaget genoptræningsplan", url, status, actions))
    return links


def course_links(request: AppRequest, course: Course) -> list[CourseLink]:
    party = course_party_of_actor(course=course, actor=request.actor)
    if party == Party.HOSPITAL:
        return _plan_links(request, course)
    if party in (Party.MUNICIPALITY, Party.GP):
        return _received_links(request, course)
    return []
