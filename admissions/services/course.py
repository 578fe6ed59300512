"""Write use-cases of the course: admission, contact person, leave, transfer (its end: ``lifecycle``)."""

from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from admissions.events import course_event_record
from admissions.models import (
    AdmissionNotice,
    Course,
    CourseEvent,
    LeavePeriod,
    Stay,
)
from admissions.parties import Party, course_acting_organisation
from admissions.services.citizens import (
    MASTER_DATA_LABELS,
    MasterDataDiffers,
    citizen_get_or_create_for_admission,
    citizen_update_master_data,
    moment_plausible,
)
from admissions.services.notices import home_care_pause
from admissions.services.notices import (
    home_care_resume as home_care_resume,  # the discharge app imports it here
)
from admissions.services.stays import place_clean, place_text
from sundhedsaftale.citizens.models import CareRelation
from sundhedsaftale.citizens.services import care_relation_end, care_relation_open
from sundhedsaftale.errors import Conflict, DomainError
from sundhedsaftale.organisations.actor import actor_for
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.organisations.roles import Role

# Clocks of ward PCs and EPJ integrations drift a little; an admission a few minutes "ahead" is not an error.
CLOCK_TOLERANCE = timedelta(minutes=15)
HOSPITAL_ROLES = {Role.WARD_STAFF, Role.INTEGRATION}


def _aware(value: datetime, field: str) -> datetime:
    if timezone.is_naive(value):
        raise DomainError(_("Tidspunktet skal have en tidszone."), field=field)
    return moment_plausible(value, field)


def _not_future(value: datetime, field: str) -> datetime:
    _aware(value, field)
    if value > timezone.now() + CLOCK_TOLERANCE:
        raise DomainError(_("Tidspunktet ligger i fremtiden."), field=field)
    return value


def _department_of_user(*, user: "User", department: Organisation) -> None:
    """Only the department's own staff (or its hospital's, or an EPJ integration) registers its admissions."""
    actor = actor_for(user=user, organisation=department)
    if actor.role in HOSPITAL_ROLES and department.pk in actor.organisation_ids:
        return
    raise DomainError(
        _("Du kan kun registrere indlæggelser på din egen afdeling eller dit eget hospital."),
        field="department",
        code="not_your_department",
        status_code=403,
    )


@transaction.atomic
def course_admit(
    *,
    cpr: str,
    name: str,
    municipality: Organisation,
    kind: str,
    department: Organisation,
    admitted_at: datetime,
    acting_user: "User",
    gp_practice: Organisation | None = None,
    address: str = "",
    phone: str = "",
    episode_of_care_id: str = "",
    update_master_data: bool = False,
    master_data_reason: str = "",
    room: str = "",
    bed: str = "",
) -> Course:
    """Admit the citizen: find or create the citizen, create the course and its first stay, send the admission
    notice to the home municipality (and, at an acute or open admission, the listed GP) and pause the citizen's active home-care services from ``admitted_at``.

    Returns the course. A second admission of the same stay (same hospital and episode-of-care id), or of a
    citizen who already has an open course, raises ``Conflict`` (409) and saves nothing. A known citizen is
    admitted with the stored master data: submitted data that differ raise ``MasterDataDiffers`` (409) unless
    ``update_master_data`` asks for the change, which is then audited (``citizen_update_master_data``).
    """
    if kind not in Course.Kind.values:
        raise DomainError(_("Ukendt indlæggelsestype."), field="kind")
    if department.kind != Organisation.Kind.DEPARTMENT or department.parent is None:
        raise DomainError(_("Vælg en afdeling på et hospital."), field="department")
    _not_future(admitted_at, "admitted_at")
    room, bed = place_clean(room=room, bed=bed)
    _department_of_user(user=acting_user, department=department)
    hospital = department.parent
    episode_of_care_id = episode_of_care_id.strip()
    if (
        episode_of_care_id
        and Course.objects.filter(hospital=hospital, episode_of_care_id=episode_of_care_id).exists()
    ):
        raise Conflict(
            _("Opholdet er allerede registreret (samme hospital og forløbs-id)."),
            field="episode_of_care_id",
            code="duplicate_admission",
        )
    citizen, differences = citizen_get_or_create_for_admission(
        cpr=cpr,
        name=name,
        municipality=municipality,
        gp_practice=gp_practice,
        address=address,
        phone=phone,
        admitted_at=admitted_at,
    )
    if Course.objects.filter(citizen=citizen).open().exists():
        raise Conflict(
            _("Borgeren er allerede indlagt. Brug overflytning ved skift af hospital."),
            field="cpr",
            code="duplicate_admission",
        )
    if differences and not update_master_data:
        raise MasterDataDiffers(citizen=citizen, differences=differences)
    change = None
    if differences:
        change = citizen_update_master_data(
            citizen=citizen,
            name=name,
            municipality=municipality,
            gp_practice=gp_practice,
            address=address,
            phone=phone,
            acting_user=acting_user,
            reason=master_data_reason.strip() or _("Ændret ved indlæggelse"),
        )
        citizen.refresh_from_db()
    try:
        with transaction.atomic():
            course = Course.objects.create(
                citizen=citizen,
                kind=kind,
                hospital=hospital,
                department=department,
                admitted_at=admitted_at,
                episode_of_care_id=episode_of_care_id,
                created_by=acting_user if acting_user.is_authenticated else None,
            )
    except IntegrityError as error:  # a concurrent request admitted the same stay first
        raise Conflict(
            _("Opholdet er allerede registreret (samme hospital og forløbs-id)."),
            field="episode_of_care_id",
            code="duplicate_admission",
        ) from error
    Stay.objects.create(
        course=course, hospital=hospital, department=department, started_at=admitted_at, room=room, bed=bed
    )
    _care_relation_open(course=course, hospital=hospital, at=admitted_at)
    course_event_record(
        course=course,
        kind=CourseEvent.Kind.ADMITTED,
        at=admitted_at,
        actor=acting_user,
        organisation=department,
        text=", ".join(
            p
            for p in (
                f"{course.get_kind_display()} indlæggelse på {department}",
                place_text(room=room, bed=bed),
            )
            if p
        ),
    )
    if change is not None:
        course_event_record(
            course=course,
            kind=CourseEvent.Kind.OTHER,
            at=change.changed_at,
            actor=acting_user,
            organisation=department,
            text="Stamdata opdateret: "
            + "; ".join(
                f"{MASTER_DATA_LABELS[field]} {c['before'] or '–'} → {c['after']}"
                for field, c in change.changes.items()
            )
            + f" ({change.reason})",
        )
    now = timezone.now()
    # Section 1.2.3.2 (acute): "Underrette pårørende og egen læge og kommune hurtigst muligt efter
    # indlæggelsen"; section 1.2.3.1 (planned) names only the municipality's notice. Open admissions are
    # handled as acute.
    gp_practice = citizen.gp_practice if kind != Course.Kind.PLANNED else None
    AdmissionNotice.objects.create(
        course=course,
        municipality=citizen.municipality,
        gp_practice=gp_practice,
        sent_at=now,
        received_at=now,
    )
    recipients = citizen.municipality.name + (f" og egen læge ({gp_practice.name})" if gp_practice else "")
    course_event_record(
        course=course,
        kind=CourseEvent.Kind.NOTICE_SENT,
        at=now,
        actor=acting_user,
        organisation=department,
        text=f"Indlæggelsesadvis sendt til {recipients}",
    )
    home_care_pause(course=course, at=admitted_at)
    return course


def _hospital_side(course: Course, user: "User") -> Organisation:
    organisation, _party = course_acting_organisation(course=course, user=user, parties=(Party.HOSPITAL,))
    return organisation


def _open(course: Course) -> None:
    if course.state not in (Course.State.ADMITTED, Course.State.ON_LEAVE):
        raise DomainError(
            _("Forløbet er afsluttet (%(state)s).") % {"state": course.get_state_display()},
            code="course_closed",
        )


@transaction.atomic
def course_set_contact_person(
    *, course: Course, name: str, role: str, phone: str, acting_user: "User"
) -> Course:
    """Record the fixed contact person (fast kontaktperson) of the course; return the course."""
    organisation = _hospital_side(course, acting_user)
    if not name.strip():
        raise DomainError(_("Angiv kontaktpersonens navn."), field="name")
    if not phone.strip():
        raise DomainError(_("Angiv kontaktpersonens telefonnummer."), field="phone")
    course.contact_name, course.contact_role, course.contact_phone = name.strip(), role.strip(), phone.strip()
    course.save(update_fields=["contact_name", "contact_role", "contact_phone"])
    course_event_record(
        course=course,
        kind=CourseEvent.Kind.CONTACT_PERSON,
        at=timezone.now(),
        actor=acting_user,
        organisation=organisation,
        text=f"{course.contact_name}, {course.contact_role}, tlf. {course.contact_phone}",
    )
    return course


@transaction.atomic
def leave_start(*, course: Course, started_at: datetime, acting_user: "User", note: str = "") -> LeavePeriod:
    """Start a leave (orlov); the course is on leave until ``leave_end``. Returns the leave."""
    organisation = _hospital_side(course, acting_user)
    course = Course.objects.select_for_update().get(pk=course.pk)
    if course.state != Course.State.ADMITTED:
        raise DomainError(_("Borgeren skal være indlagt for at gå på orlov."), code="not_admitted")
    _aware(started_at, "started_at")
    if started_at < course.admitted_at:
        raise DomainError(_("Orloven kan ikke begynde før indlæggelsen."), field="started_at")
    leave = LeavePeriod.objects.create(course=course, started_at=started_at, note=note)
    course.state = Course.State.ON_LEAVE
    course.save(update_fields=["state"])
    course_event_record(
        course=course,
        kind=CourseEvent.Kind.LEAVE_STARTED,
        at=started_at,
        actor=acting_user,
        organisation=organisation,
        text=note,
    )
    return leave


@transaction.atomic
def leave_end(*, course: Course, ended_at: datetime, acting_user: "User") -> LeavePeriod:
    """End the open leave; the citizen is admitted again. Returns the leave."""
    organisation = _hospital_side(course, acting_user)
    course = Course.objects.select_for_update().get(pk=course.pk)
    leave = course.leaves.filter(ended_at__isnull=True).order_by("-started_at").first()
    if course.state != Course.State.ON_LEAVE or leave is None:
        raise DomainError(_("Borgeren er ikke på orlov."), code="not_on_leave")
    _aware(ended_at, "ended_at")
    if ended_at < leave.started_at:
        raise DomainError(_("Orloven kan ikke slutte, før den begyndte."), field="ended_at")
    leave.ended_at = ended_at
    leave.save(update_fields=["ended_at"])
    course.state = Course.State.ADMITTED
    course.save(update_fields=["state"])
    course_event_record(
        course=course,
        kind=CourseEvent.Kind.LEAVE_ENDED,
        at=ended_at,
        actor=acting_user,
        organisation=organisation,
    )
    return leave


@transaction.atomic
def course_transfer(*, course: Course, department: Organisation, at: datetime, acting_user: "User") -> Stay:
    """Transfer the citizen to another department or hospital in the region: end the current stay, start a
    new one and move the course. Returns the new stay."""
    organisation = _hospital_side(course, acting_user)
    course = Course.objects.select_for_update().get(pk=course.pk)
    _open(course)
    if department.kind != Organisation.Kind.DEPARTMENT or department.parent is None:
        raise DomainError(_("Vælg en afdeling på et hospital i regionen."), field="department")
    if department.pk == course.department_id:
        raise DomainError(_("Borgeren er allerede på denne afdeling."), field="department")
    _not_future(at, "at")
    current = course.stays.filter(ended_at__isnull=True).order_by("-started_at").first()
    if current is not None:
        if at < current.started_at:
            raise DomainError(
                _("Overflytningen kan ikke ligge før det nuværende ophold begyndte."), field="at"
            )
        current.ended_at = at
        current.save(update_fields=["ended_at"])
    stay = Stay.objects.create(
        course=course, hospital=department.parent, department=department, started_at=at
    )
    _care_relation_open(course=course, hospital=department.parent, at=at)
    previous = f"{course.department}"
    course.hospital, course.department = department.parent, department
    course.save(update_fields=["hospital", "department"])
    course_event_record(
        course=course,
        kind=CourseEvent.Kind.TRANSFERRED,
        at=at,
        actor=acting_user,
        organisation=organisation,
        text=f"Fra {previous} til {department}",
    )
    return stay


def _care_relation_open(*, course: Course, hospital: Organisation, at: datetime) -> None:
    """A stay gives its hospital unit a care relation with the citizen, for as long as the course lasts."""
    care_relation_open(
        citizen=course.citizen,
        organisation=hospital,
        kind=CareRelation.Kind.ADMITTED,
        source=f"course:{course.pk}",
        starts_at=at,
    )


def course_care_relations_end(*, course: Course, at: datetime, grace: bool = True) -> int:
    """The course ended at ``at`` (discharge, death): its hospitals' care relations end the configured window
    later (``CARE_RELATION_DAYS_AFTER_COURSE``, the follow-up); at ``at`` itself without ``grace`` (a cancelled
    course, where no treatment happened). Returns how many ended."""
    return care_relation_end(source=f"course:{course.pk}", at=at, grace=grace)


def course_care_relations_sync(*, course: Course) -> None:
    """Record the care relations a course's stays imply, ended if the course has ended: for courses written
    outside the life-cycle services (history, imports, generated data)."""
    for stay in course.stays.select_related("course__citizen"):
        _care_relation_open(course=course, hospital=stay.hospital, at=stay.started_at)
    if course.state not in (Course.State.ADMITTED, Course.State.ON_LEAVE):
        course_care_relations_end(
            course=course,
            at=course.discharged_at or timezone.now(),
            grace=course.state != Course.State.CANCELLED,
        )
