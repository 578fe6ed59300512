"""What the discharge screens share: the party check and the redirect after an action."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from admissions.models import Course
from admissions.parties import Party, course_party_of_actor
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.requests import AppRequest
from sundhedsaftale.workdays import local_date

# htmx listeners (ward board, course page) refresh on this event after a routine action.
CHANGED_EVENT = "discharge-changed"


def active_organisation(request: AppRequest) -> Organisation | None:
    return request.actor.acting_organisation


def viewer_party(request: AppRequest, course: Course) -> Party | None:
    """The party the user looks at the course as (its active organisation), or None."""
    return course_party_of_actor(course=course, actor=request.actor)


def require_party(request: AppRequest, course: Course, parties: tuple[Party, ...]) -> None:
    """403 unless the user acts for one of ``parties`` on the course."""
    if viewer_party(request, course) not in parties:
        raise PermissionDenied


def today() -> Any:
    return local_date(timezone.now())


def course_page_url(course: Course) -> str:
    return reverse("discharge-course", args=[course.pk])


def admissions_course_url(course: Course) -> str | None:
    """The admissions app's course page, when it provides one."""
    try:
        return reverse("course-detail", args=[course.pk])
    except NoReverseMatch:
        return None


def done(request: AppRequest, *, message: str, default_url: str) -> HttpResponse:
    """After a successful action: htmx gets 204 + the refresh event (the page stays), a plain form post a
    redirect to ``next`` (if safe) or ``default_url`` with a flash message."""
    next_url = request.POST.get("next", "")
    safe = next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()})
    if request.htmx and safe:
        return HttpResponse(status=204, headers={"HX-Trigger": CHANGED_EVENT})
    messages.success(request, message)
    if request.htmx:
        return HttpResponse(status=204, headers={"HX-Redirect": next_url if safe else default_url})
    return redirect(next_url if safe else default_url)
