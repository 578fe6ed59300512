"""Write use-cases of the admission notice and the municipal home-care services it pauses."""

from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from admissions.events import course_event_record
from admissions.models import AdmissionNotice, Course, CourseEvent, HomeCareService
from admissions.parties import Party, course_acting_organisation
from sundhedsaftale.errors import DomainError


def home_care_pause(*, course: Course, at: datetime) -> int:
    services = list(HomeCareService.objects.filter(citizen=course.citizen).active())
    for service in services:
        service.status = HomeCareService.Status.PAUSED
        service.paused_at = at
        service.paused_by_course = course
        service.resumed_at = None
        service.save()
    if services:
        course_event_record(
            course=course,
            kind=CourseEvent.Kind.SERVICES_PAUSED,
            at=at,
            organisation=course.citizen.municipality,
            text="Afbestilt: " + ", ".join(s.description for s in services),
        )
    return len(services)


@transaction.atomic
def home_care_resume(*, course: Course, at: datetime, acting_user: "User | None" = None) -> int:
    """Resume the home-care services the admission paused (called at discharge); return how many.

    After a death the services end instead. Calling it twice is harmless.
    """
    if timezone.is_naive(at):
        raise DomainError(_("Tidspunktet skal have en tidszone."), field="at")
    services = list(HomeCareService.objects.select_for_update().filter(paused_by_course=course).paused())
    deceased = course.state == Course.State.DECEASED
    for service in services:
        service.status = HomeCareService.Status.ENDED if deceased else HomeCareService.Status.ACTIVE
        service.resumed_at = None if deceased else at
        service.save()
    if services and not deceased:
        course_event_record(
            course=course,
            kind=CourseEvent.Kind.SERVICES_RESUMED,
            at=at,
            actor=acting_user,
            organisation=course.citizen.municipality,
            text="Genoptaget: " + ", ".join(s.description for s in services),
        )
    return len(services)


@transaction.atomic
def admission_notice_mark_read(*, notice: AdmissionNotice, acting_user: "User") -> AdmissionNotice:
    """Record that the municipality has read the notice (the first reading is kept)."""
    notice = AdmissionNotice.objects.select_for_update().get(pk=notice.pk)
    if notice.read_at is None:
        course_acting_organisation(course=notice.course, user=acting_user, parties=(Party.MUNICIPALITY,))
        notice.read_at = timezone.now()
        notice.read_by = acting_user
        notice.save(update_fields=["read_at", "read_by"])
        course_event_record(
            course=notice.course,
            kind=CourseEvent.Kind.NOTICE_READ,
            at=notice.read_at,
            actor=acting_user,
            organisation=notice.municipality,
        )
    return notice
