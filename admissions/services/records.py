"""Write use-cases of consent, admission reports and information requests."""

from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from admissions.events import course_event_record
from admissions.models import AdmissionReport, Consent, Course, CourseEvent, InformationRequest
from admissions.parties import Party, course_acting_organisation
from admissions.selectors import course_consents_to
from sundhedsaftale.deadlines.services import deadline_ensure, deadline_meet
from sundhedsaftale.errors import Conflict, DomainError
from sundhedsaftale.organisations.models import Organisation

INFO_REPLY_RULE = "admission.info_reply"
REPORT_FIELDS = (
    "functional_level",
    "home_care_received",
    "medication",
    "dose_dispensed",
    "aids",
    "relatives",
    "contact",
)


@transaction.atomic
def consent_record(
    *,
    course: Course,
    given_by: str,
    given_at: datetime,
    to_municipality: bool,
    to_gp: bool,
    acting_user: "User",
    given_by_name: str = "",
) -> Consent:
    """Record the consent to share information on the course with the municipality and/or the GP."""
    organisation, _party = course_acting_organisation(
        course=course, user=acting_user, parties=(Party.HOSPITAL,)
    )
    if given_by not in Consent.GivenBy.values:
        raise DomainError(_("Angiv, hvem der gav samtykket."), field="given_by")
    if given_by != Consent.GivenBy.CITIZEN and not given_by_name.strip():
        raise DomainError(_("Angiv navnet på den pårørende eller værgen."), field="given_by_name")
    if not (to_municipality or to_gp):
        raise DomainError(
            _("Samtykket skal omfatte kommunen, egen læge eller begge."), field="to_municipality"
        )
    if timezone.is_naive(given_at) or given_at > timezone.now():
        raise DomainError(_("Tidspunktet for samtykket kan ikke ligge i fremtiden."), field="given_at")
    consent = Consent.objects.create(
        course=course,
        given_by=given_by,
        given_by_name=given_by_name.strip(),
        given_at=given_at,
        to_municipality=to_municipality,
        to_gp=to_gp,
        recorded_by=acting_user,
    )
    scope = " og ".join(p for p, on in (("kommunen", to_municipality), ("egen læge", to_gp)) if on)
    course_event_record(
        course=course,
        kind=CourseEvent.Kind.CONSENT_GIVEN,
        at=given_at,
        actor=acting_user,
        organisation=organisation,
        text=f"{consent.get_given_by_display()} {consent.given_by_name}: deling med {scope}".replace(
            "  ", " "
        ),
    )
    return consent


@transaction.atomic
def consent_withdraw(*, consent: Consent, acting_user: "User", at: datetime | None = None) -> Consent:
    """Withdraw the consent from ``at`` (now); nothing more is shared under it. Returns the consent."""
    consent = Consent.objects.select_for_update().select_related("course__citizen").get(pk=consent.pk)
    organisation, _party = course_acting_organisation(
        course=consent.course, user=acting_user, parties=(Party.HOSPITAL,)
    )
    if consent.withdrawn_at is not None:
        raise Conflict(_("Samtykket er allerede tilbagekaldt."), code="already_withdrawn")
    at = at or timezone.now()
    if at < consent.given_at:
        raise DomainError(_("Et samtykke kan ikke tilbagekaldes, før det er givet."), field="at")
    consent.withdrawn_at, consent.withdrawn_by = at, acting_user
    consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
    course_event_record(
        course=consent.course,
        kind=CourseEvent.Kind.CONSENT_WITHDRAWN,
        at=at,
        actor=acting_user,
        organisation=organisation,
    )
    return consent


@transaction.atomic
def admission_report_request(*, course: Course, acting_user: "User") -> AdmissionReport:
    """The ward asks the home municipality for the admission report; the request shows in its inbox."""
    organisation, _party = course_acting_organisation(
        course=course, user=acting_user, parties=(Party.HOSPITAL,)
    )
    report = AdmissionReport.objects.select_for_update().filter(course=course).first()
    if report is not None and report.state == AdmissionReport.State.SUBMITTED:
        raise Conflict(_("Indlæggelsesrapporten er allerede modtaget."), code="report_submitted")
    if report is not None:
        return report  # asking twice is one request
    now = timezone.now()
    report = AdmissionReport.objects.create(
        course=course, municipality=course.citizen.municipality, requested_at=now, requested_by=acting_user
    )
    course_event_record(
        course=course,
        kind=CourseEvent.Kind.REPORT_REQUESTED,
        at=now,
        actor=acting_user,
        organisation=organisation,
        text=f"Anmodet fra {course.citizen.municipality.name}",
    )
    return report


@transaction.atomic
def admission_report_submit(
    *,
    course: Course,
    acting_user: "User",
    functional_level: str,
    home_care_received: str = "",
    medication: str = "",
    dose_dispensed: bool = False,
    aids: str = "",
    relatives: str = "",
    contact: str = "",
) -> AdmissionReport:
    """The home municipality sends the admission report (requested or on its own initiative)."""
    organisation, _party = course_acting_organisation(
        course=course, user=acting_user, parties=(Party.MUNICIPALITY,)
    )
    if not functional_level.strip():
        raise DomainError(_("Beskriv borgerens funktionsniveau."), field="functional_level")
    if dose_dispensed and not medication.strip():
        raise DomainError(_("Angiv medicinen, når den er dosisdispenseret."), field="medication")
    report = AdmissionReport.objects.select_for_update().filter(course=course).first()
    if report is not None and report.state == AdmissionReport.State.SUBMITTED:
        raise Conflict(_("Indlæggelsesrapporten er allerede sendt."), code="report_submitted")
    report = report or AdmissionReport(course=course, municipality=organisation)
    values = {
        "functional_level": functional_level,
        "home_care_received": home_care_received,
        "medication": medication,
        "dose_dispensed": dose_dispensed,
        "aids": aids,
        "relatives": relatives,
        "contact": contact,
    }
    for field, value in values.items():
        setattr(report, field, value.strip() if isinstance(value, str) else value)
    report.state = AdmissionReport.State.SUBMITTED
    report.submitted_at, report.submitted_by = timezone.now(), acting_user
    report.save()
    course_event_record(
        course=course,
        kind=CourseEvent.Kind.REPORT_SUBMITTED,
        at=report.submitted_at,
        actor=acting_user,
        organisation=organisation,
    )
    return report


@transaction.atomic
def information_request_send(
    *,
    course: Course,
    recipient: Organisation,
    question: str,
    acting_user: "User",
    author_phone: str = "",
) -> InformationRequest:
    """Ask the citizen's GP or the home municipality (home care) a question; at a planned admission the reply
    is due within 24 hours (``admission.info_reply``), at an acute one there is no deadline. Needs the
    citizen's consent to exchange information with the recipient."""
    sender, _party = course_acting_organisation(course=course, user=acting_user, parties=(Party.HOSPITAL,))
    citizen = course.citizen
    if recipient.pk == citizen.gp_practice_id:
        party = Party.GP
    elif recipient.pk == citizen.municipality_id:
        party = Party.MUNICIPALITY
    else:
        raise DomainError(
            _("En forespørgsel går til borgerens egen læge eller hjemmeplejen i bopælskommunen."),
            field="recipient",
            code="unrelated_recipient",
        )
    if course.state not in (Course.State.ADMITTED, Course.State.ON_LEAVE):
        raise DomainError(_("Forløbet er afsluttet."), code="course_closed")
    if not course_consents_to(course=course, party=party):
        raise DomainError(
            _("Borgeren har ikke givet samtykke til at udveksle oplysninger med %(recipient)s.")
            % {"recipient": recipient.name},
            field="recipient",
            code="no_consent",
        )
    if not question.strip():
        raise DomainError(_("Skriv spørgsmålet."), field="question")
    now = timezone.now()
    request = InformationRequest.objects.create(
        course=course,
        sender=sender,
        recipient=recipient,
        question=question.strip(),
        sent_at=now,
        sent_by=acting_user,
        author_phone=author_phone.strip(),
    )
    if course.kind == Course.Kind.PLANNED:
        # "Tidsfrist for tilbagemelding: inden 24 timer" stands under section 1.2.3.1 (planned admissions)
        # only; section 1.2.3.2 (acute, and open admissions handled as acute) sets no reply deadline.
        deadline_ensure(
            subject=request,
            rule_code=INFO_REPLY_RULE,
            anchor=now,
            responsible=recipient,
            counterpart=sender,
            citizen=citizen,
        )
    course_event_record(
        course=course,
        kind=CourseEvent.Kind.INFO_REQUESTED,
        at=now,
        actor=acting_user,
        organisation=sender,
        text=f"Til {recipient.name}",
    )
    return request


@transaction.atomic
def information_request_reply(
    *, request: InformationRequest, reply: str, acting_user: "User"
) -> InformationRequest:
    """The GP or home care answers; the answer meets the 24-hour deadline (late if after it)."""
    request = (
        InformationRequest.objects.select_for_update().select_related("course__citizen").get(pk=request.pk)
    )
    organisation, _party = course_acting_organisation(
        course=request.course, user=acting_user, parties=(Party.GP, Party.MUNICIPALITY)
    )
    if organisation.pk != request.recipient_id:
        raise DomainError(
            _("Forespørgslen er sendt til %(recipient)s.") % {"recipient": request.recipient.name},
            code="not_recipient",
            status_code=403,
        )
    if request.state == InformationRequest.State.ANSWERED:
        raise Conflict(_("Forespørgslen er allerede besvaret."), code="already_answered")
    if not reply.strip():
        raise DomainError(_("Skriv svaret."), field="reply")
    now = timezone.now()
    request.reply, request.replied_at, request.replied_by = reply.strip(), now, acting_user
    request.state = InformationRequest.State.ANSWERED
    request.save()
    deadline_meet(
        subject=request, rule_code=INFO_REPLY_RULE, at=now, event="Forespørgsel besvaret", user=acting_user
    )
    course_event_record(
        course=request.course,
        kind=CourseEvent.Kind.INFO_ANSWERED,
        at=now,
        actor=acting_user,
        organisation=organisation,
    )
    return request
