"""Prevention's place on the course page (the hub): the screening and referrals of the course's citizen, with
screening and referring as actions for the hospital and the GP."""

from django.urls import reverse

from admissions.models import Course
from prevention.models import Referral, Screening
from prevention.permissions import may_refer
from sundhedsaftale.areas import CourseAction, CourseLink
from sundhedsaftale.requests import AppRequest


def course_links(request: AppRequest, course: Course) -> list[CourseLink]:
    """The prevention page of the course for everyone who sees the course; counts only in its status."""
    actor = request.actor
    screened = Screening.objects.visible_to(actor).filter(course=course).exists()
    referrals = Referral.objects.visible_to(actor).filter(citizen_id=course.citizen_id).count()
    status = ("Screenet" if screened else "Ikke screenet") + f" · {referrals} henvisning(er)"
    page = reverse("prevention-course", args=[course.pk])
    actions: tuple[CourseAction, ...] = ()
    if may_refer(actor):
        actions = (CourseAction("Screen og henvis", page),)
    return [CourseLink("Forebyggelse", page, status, actions)]
