"""Write use-cases before discharge: finished treatment (færdigbehandling) and discharge conferences."""

from datetime import date, datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from admissions.models import Course
from discharge.events import discharge_event_record
from discharge.models import DischargeConference, DischargePlan, FinishedTreatment
from discharge.permissions import HOSPITAL, course_acting_for
from discharge.services.planning import course_require_open
from sundhedsaftale.errors import DomainError
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.templatetags.dansk import dato_tid
from sundhedsaftale.workdays import local_date

WEEKDAY_NAMES = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")


def _validate_finished_on(*, course: Course, finished_on: date, today: date) -> None:
    # A medical assessment on any day in somatic care (004: "når patienten ud fra en lægelig vurdering kan
    # udskrives"); "Færdigbehandlingsdagen skal være en hverdag, mandag – fredag" is child and adolescent
    # psychiatry's (001 l. 7559).
    child_psychiatry = course.department.department_kind == Organisation.DepartmentKind.CHILD_PSYCHIATRY
    if child_psychiatry and finished_on.weekday() >= 5:
        raise DomainError(
            _("Færdigbehandlingsdatoen skal være en hverdag (mandag–fredag); %(day)s er en %(weekday)s.")
            % {"day": f"{finished_on:%d.%m.%Y}", "weekday": WEEKDAY_NAMES[finished_on.weekday()]},
            field="finished_on",
            code="weekend",
        )
    admitted_on = local_date(course.admitted_at)
    if finished_on < admitted_on:
        raise DomainError(
            _("Borgeren kan ikke være færdigbehandlet før indlæggelsen (%(day)s).")
            % {"day": f"{admitted_on:%d.%m.%Y}"},
            field="finished_on",
        )
    if finished_on > today:
        plan = DischargePlan.objects.filter(course=course).first()
        if plan is None or finished_on > plan.planned_date:
            raise DomainError(
                _(
                    "Datoen for færdigbehandling kan ikke ligge i fremtiden ud over den planlagte udskrivning%(plan)s."
                )
                % {"plan": f" ({plan.planned_date:%d.%m.%Y})" if plan else ""},
                field="finished_on",
                code="future",
            )


@transaction.atomic
def finished_treatment_record(
    *,
    course: Course,
    finished_on: date,
    doctor_name: str,
    note: str = "",
    acting_user: "User",
    acting_organisation: Organisation | None = None,
    today: date | None = None,
) -> FinishedTreatment:
    """Record (or correct) the date a doctor found the citizen færdigbehandlet; return the record.

    The sengedage after it are attributed to the citizen's home municipality at that time.
    """
    organisation = course_acting_for(
        course=course, user=acting_user, parties=HOSPITAL, preferred=acting_organisation
    )
    course = Course.objects.select_for_update().select_related("citizen").get(pk=course.pk)
    course_require_open(course)
    if not doctor_name.strip():
        raise DomainError(_("Angiv lægen, der har vurderet borgeren færdigbehandlet."), field="doctor_name")
    _validate_finished_on(course=course, finished_on=finished_on, today=today or local_date(timezone.now()))
    record, _created = FinishedTreatment.objects.update_or_create(
        course=course,
        defaults={
            "finished_on": finished_on,
            "municipality": course.citizen.municipality,
            "doctor_name": doctor_name.strip(),
            "note": note,
            "recorded_at": timezone.now(),
            "recorded_by": acting_user if acting_user.is_authenticated else None,
        },
    )
    discharge_event_record(
        course=course,
        at=timezone.now(),
        acting_user=acting_user,
        organisation=organisation,
        text=f"Færdigbehandlet {finished_on:%d.%m.%Y} ({record.doctor_name})",
    )
    return record


@transaction.atomic
def discharge_conference_schedule(
    *,
    course: Course,
    kind: str,
    scheduled_at: datetime,
    participants: str,
    location: str = "",
    acting_user: "User",
    acting_organisation: Organisation | None = None,
) -> DischargeConference:
    """Schedule a discharge conference, phone conference or home visit; return it."""
    organisation = course_acting_for(
        course=course, user=acting_user, parties=HOSPITAL, preferred=acting_organisation
    )
    course_require_open(course)
    if kind not in DischargeConference.Kind.values:
        raise DomainError(_("Vælg konferencetype."), field="kind")
    if timezone.is_naive(scheduled_at):
        raise DomainError(_("Tidspunktet skal have en tidszone."), field="scheduled_at")
    if scheduled_at < course.admitted_at:
        raise DomainError(_("Konferencen kan ikke ligge før indlæggelsen."), field="scheduled_at")
    if not participants.strip():
        raise DomainError(_("Angiv deltagerne."), field="participants")
    conference = DischargeConference.objects.create(
        course=course,
        kind=kind,
        scheduled_at=scheduled_at,
        participants=participants.strip(),
        location=location,
        created_by=acting_user if acting_user.is_authenticated else None,
    )
    discharge_event_record(
        course=course,
        at=timezone.now(),
        acting_user=acting_user,
        organisation=organisation,
        text=f"{conference.get_kind_display()} planlagt {dato_tid(scheduled_at)}",
    )
    return conference


@transaction.atomic
def discharge_conference_record_outcome(
    *,
    conference: DischargeConference,
    outcome: str,
    acting_user: "User",
    acting_organisation: Organisation | None = None,
) -> DischargeConference:
    """Record that the conference was held and its outcome; return it."""
    course = conference.course
    organisation = course_acting_for(
        course=course, user=acting_user, parties=HOSPITAL, preferred=acting_organisation
    )
    if not outcome.strip():
        raise DomainError(_("Skriv resultatet af konferencen."), field="outcome")
    conference = DischargeConference.objects.select_for_update().get(pk=conference.pk)
    conference.outcome = outcome.strip()
    conference.held = True
    conference.save(update_fields=["outcome", "held"])
    discharge_event_record(
        course=course,
        at=timezone.now(),
        acting_user=acting_user,
        organisation=organisation,
        text=f"{conference.get_kind_display()} afholdt: {conference.outcome}",
    )
    return conference
