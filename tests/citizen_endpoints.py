"""Every endpoint that shows citizen data, for the visibility matrix and the access-log check.

Add a new citizen-data endpoint here with one line: ``tests/kernel/test_visibility.py`` then walks it for
every role, and ``tests/kernel/test_access_log.py`` checks that each read of it is logged.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from django.db.models import Model
from django.urls import reverse

from admissions.models import (
    AdmissionNotice,
    AdmissionReport,
    Attachment,
    Consent,
    Course,
    InformationRequest,
    Message,
)
from aids.models import AidNeed, Dispute, Loan
from discharge.models import (
    DischargeConference,
    DischargeLetter,
    DischargeNotice,
    DischargeNotification,
    DischargePlan,
    DischargeReport,
    FinishedTreatment,
    MunicipalReply,
    SuddenChange,
)
from prevention.models import Referral as PreventionReferral
from prevention.models import Screening as PreventionScreening
from psychiatry.models import CarePlan, ChildAssessment, ContactPerson, Meeting, PsychiatricCourse, Referral
from psychiatry.models import TreatmentPlan as PsychiatricTreatmentPlan
from rehab.models import AdvanceNotice, Delivery, FirstContact, Plan, RehabCourse
from sundhedsaftale.citizens.models import Citizen
from sundhedsaftale.deadlines.models import Alert, Deadline
from tests.citizen_records import ALERTED, first_of, records_create

SURNAME = "Matrixsen"  # the tests' citizens share it, so one search by name finds them all


@dataclass(frozen=True)
class Endpoint:
    """A citizen-data endpoint.

    ``list``: one request shows some citizens; ``detail``: one request per citizen, 200 or 404;
    ``lookup``: one request per citizen (a search for it) that shows it or shows nothing.
    ``url``: the address for a citizen, or None when the citizen has no such record (then it is skipped).
    ``roles``: the only roles that may use it at all; the others get 403 for every citizen alike.
    ``readers``: the roles that are a party to this kind of record (``party_scope``); a role that sees the
    citizen but is no party gets ``refused`` (404 for a record it may not know of, 403 for a page of a party
    it does not act for) and sees nothing.
    ``shows_cpr``: whether the response names the citizen (an export about one citizen may not).
    ``per_course``: it shows courses, so citizens without a course are left out.
    ``records``: it needs the records of ``records_create`` (the tests make them for the citizens they need).
    ``route``: the URL name it covers (``tests/kernel/test_route_coverage.py``).
    ``logged``: a read of it writes the access log (False only for a page that shows no citizen data).
    Lookups search by the compact CPR; what counts as shown is the printed ``DDMMYY-XXXX`` or the name.
    """

    id: str
    kind: Literal["list", "detail", "lookup"]
    url: Callable[[Citizen], str | None]
    roles: frozenset[str] | None = None
    shows_cpr: bool = True
    per_course: bool = False
    readers: frozenset[str] | None = None
    refused: int = 404
    records: bool = False
    route: str = ""
    logged: bool = True


def course_of(citizen: Citizen) -> int | None:
    return citizen.courses.order_by("pk").values_list("pk", flat=True).first()


def url_for(endpoint: Endpoint, citizen: Citizen) -> str:
    """The endpoint's address for the citizen, making the citizen's records first when it needs them."""
    url = endpoint.url(citizen)
    if url is None and endpoint.records:
        records_create(citizen)
        url = endpoint.url(citizen)
    assert url is not None, f"{endpoint.id}: the citizen has no record to read"
    return url


def _reverse(route: str, **kwargs: object) -> str:
    return reverse(route, kwargs=kwargs)


def on_course(route: str, key: str = "pk") -> Callable[[Citizen], str | None]:
    """A page of the citizen's first course."""
    return lambda c: None if (pk := course_of(c)) is None else _reverse(route, **{key: pk})


def on_record(
    route: str, model: type[Model], path: str = "course__citizen", **extra: object
) -> Callable[[Citizen], str | None]:
    """The detail of the citizen's first ``model`` row (found by ``path``)."""
    return lambda c: (
        None if (row := first_of(model, c, path, **extra)) is None else _reverse(route, pk=row.pk)
    )


def _version(route: str) -> Callable[[Citizen], str | None]:
    return lambda c: None if (p := first_of(Plan, c)) is None else _reverse(route, pk=p.pk, number=1)


def _conference_outcome(c: Citizen) -> str | None:
    row = first_of(DischargeConference, c)
    return (
        None
        if row is None
        else _reverse("discharge-conference-outcome", pk=row.course_id, conference_pk=row.pk)
    )


# the access log is the regional secretariat's; operations (superusers) read no citizen data (issue 9)
ADMINS = frozenset({"regional_admin"})
HOSPITAL = frozenset({"ward_staff", "integration"})
MUNICIPALITY = frozenset({"visitation"})
HOSPITAL_AND_MUNICIPALITY = HOSPITAL | MUNICIPALITY
HOSPITAL_AND_GP = HOSPITAL | {"gp"}
_NEED = "need__course__citizen"  # aids records hang on a need


def _html(id: str, route: str, url: Callable[[Citizen], str | None], **options: object) -> Endpoint:
    return Endpoint(id, "detail", url, route=route, records=True, per_course=True, **options)  # type: ignore[arg-type]


# Psychiatry is read through a psychiatric care relation only (tests/psychiatry/records.py): the hospital unit
# (the matrix's integration client of AUH), the informed municipality and GP; never the somatic ward AUH-ORT.
PSYCHIATRY = frozenset({"integration", "visitation", "gp"})


def _psy(name: str, model: type[Model], readers: frozenset[str] = PSYCHIATRY, **extra: object) -> Endpoint:
    route = f"api:psychiatry-api-{name}-detail"
    path = "citizen" if model is PsychiatricCourse else "course__citizen"
    url = on_record(route, model, path, **extra)
    return Endpoint(route[4:], "detail", url, route=route, records=True, readers=readers, shows_cpr=False)


def _api(name: str, model: type[Model], path: str = "course__citizen", **options: object) -> Endpoint:
    route = f"api:{name}"
    options.setdefault("shows_cpr", False)  # the API names the citizen by id
    return Endpoint(name, "detail", on_record(route, model, path), route=route, records=True, **options)  # type: ignore[arg-type]


ENDPOINTS = [
    Endpoint(
        "api-citizen-list", "list", lambda c: "/api/v1/citizens/?page_size=500", route="api:api-citizen-list"
    ),
    Endpoint(
        "api-citizen-detail", "detail", lambda c: f"/api/v1/citizens/{c.pk}/", route="api:api-citizen-detail"
    ),
    Endpoint("api-citizen-by-cpr", "lookup", lambda c: f"/api/v1/citizens/?cpr={c.cpr}"),
    Endpoint("html-search-by-name", "list", lambda c: f"/borgere/?q={SURNAME}", route="citizen-search"),
    Endpoint("html-search-by-cpr", "lookup", lambda c: f"/borgere/?q={c.cpr}"),
    Endpoint("html-citizen-detail", "detail", lambda c: f"/borgere/{c.pk}/", route="citizen-detail"),
    Endpoint(
        "html-access-log",
        "detail",
        lambda c: f"/borgere/{c.pk}/adgangslog/",
        roles=ADMINS,
        route="citizen-access-log",
    ),
    Endpoint(
        "html-access-log-csv",
        "detail",
        lambda c: f"/borgere/{c.pk}/adgangslog/?format=csv",
        roles=ADMINS,
        shows_cpr=False,
    ),
    Endpoint("api-course-list", "list", lambda c: "/api/v1/courses/?page_size=500", per_course=True),
    Endpoint(
        "api-course-detail",
        "detail",
        lambda c: f"/api/v1/courses/{course_of(c)}/",
        per_course=True,
        route="api:api-course-detail",
    ),
    Endpoint(
        "html-course-detail",
        "detail",
        lambda c: f"/forloeb/{course_of(c)}/",
        per_course=True,
        route="course-detail",
    ),
    Endpoint(
        "html-citizen-deadlines", "detail", lambda c: f"/frister/borger/{c.pk}/", route="citizen-deadlines"
    ),
    Endpoint(
        "html-rehab-timeline", "detail", lambda c: f"/genoptraening/borger/{c.pk}/", route="rehab-timeline"
    ),
    # the pages of a course and of its records
    _html("html-admission-report", "admission-report", on_course("admission-report")),
    _html("html-discharge-course", "discharge-course", on_course("discharge-course")),
    _html(
        "html-discharge-plan", "discharge-plan", on_course("discharge-plan"), readers=HOSPITAL, refused=403
    ),
    _html(
        "html-discharge-plan-preview",
        "discharge-plan-preview",
        on_course("discharge-plan-preview"),
        readers=HOSPITAL,
        refused=403,
        shows_cpr=False,
    ),
    *(
        _html(f"html-{route}", route, on_course(route), readers=parties, refused=403)
        for route, parties in [
            ("discharge-notify", HOSPITAL),
            ("discharge-finished", HOSPITAL),
            ("discharge-conference", HOSPITAL),
            ("discharge-notice", HOSPITAL),
            ("discharge-report", HOSPITAL),
            ("discharge-letter", HOSPITAL),
            ("discharge-reply", MUNICIPALITY),
            ("discharge-sudden-change", HOSPITAL_AND_MUNICIPALITY),
            ("discharge-time-propose", HOSPITAL_AND_MUNICIPALITY),
        ]
    ),
    _html(
        "html-discharge-conference-outcome",
        "discharge-conference-outcome",
        _conference_outcome,
        readers=HOSPITAL,
        refused=403,
    ),
    _html(
        "html-information-request",
        "information-request-detail",
        on_record("information-request-detail", InformationRequest),
        readers=HOSPITAL_AND_MUNICIPALITY,
    ),
    _html(
        "html-gp-letter",
        "gp-letter",
        on_record("gp-letter", DischargeLetter),
        readers=frozenset({"gp"}),
    ),
    _html(
        "html-thread",
        "thread-detail",
        lambda c: None if (m := first_of(Message, c)) is None else _reverse("thread-detail", pk=m.thread_id),
        readers=HOSPITAL_AND_MUNICIPALITY,
    ),
    _html(
        "html-attachment",
        "attachment-download",
        on_record("attachment-download", Attachment, "message__course__citizen"),
        readers=HOSPITAL_AND_MUNICIPALITY,
        shows_cpr=False,
    ),
    _html(
        "html-rehab-advance-notice", "rehab-advance-notice", on_course("rehab-advance-notice", "course_pk")
    ),
    _html("html-rehab-plan", "rehab-plan", on_record("rehab-plan", Plan)),
    _html("html-rehab-plan-export", "rehab-plan-export", on_record("rehab-plan-export", Plan)),
    _html("html-rehab-version", "rehab-version", _version("rehab-version")),
    # until its PDF is rendered, the page shows the rendering's progress only: no citizen, nothing logged
    _html(
        "html-rehab-version-pdf",
        "rehab-version-pdf",
        _version("rehab-version-pdf"),
        shows_cpr=False,
        logged=False,
    ),
    _html(
        "html-rehab-delivery",
        "rehab-delivery",
        on_record("rehab-delivery", Delivery, "plan__course__citizen"),
    ),
    _html("html-aids-course", "aids-course", on_course("aids-course", "course_pk")),
    _html("html-aids-need", "aids-need", on_record("aids-need", AidNeed), readers=HOSPITAL_AND_MUNICIPALITY),
    _html(
        "html-aids-loan-slip",
        "aids-loan-slip",
        on_record("aids-loan-slip", Loan, _NEED),
        readers=HOSPITAL_AND_MUNICIPALITY,
        shows_cpr=False,
    ),
    _html(
        "html-aids-dispute",
        "aids-dispute",
        on_record("aids-dispute", Dispute, _NEED),
        readers=HOSPITAL_AND_MUNICIPALITY,
    ),
    # the API's detail of every record of a citizen
    _api("api-admission-detail", Course, "citizen", shows_cpr=True),
    _api("api-consent-detail", Consent),
    # the matrix's notices name no GP (as at a planned admission): the GP is no party to them
    _api("api-admission-notice-detail", AdmissionNotice, readers=HOSPITAL_AND_MUNICIPALITY),
    _api("api-admission-report-detail", AdmissionReport, readers=HOSPITAL_AND_MUNICIPALITY),
    _api("api-information-request-detail", InformationRequest, readers=HOSPITAL_AND_MUNICIPALITY),
    _api("api-message-detail", Message, readers=HOSPITAL_AND_MUNICIPALITY),
    _api("discharge-plan-detail", DischargePlan),
    _api("discharge-notification-detail", DischargeNotification, readers=HOSPITAL_AND_MUNICIPALITY),
    _api("finished-treatment-detail", FinishedTreatment, readers=HOSPITAL_AND_MUNICIPALITY),
    _api("discharge-conference-detail", DischargeConference),
    _api("discharge-notice-detail", DischargeNotice, readers=HOSPITAL_AND_MUNICIPALITY),
    _api("discharge-report-detail", DischargeReport, readers=HOSPITAL_AND_MUNICIPALITY),
    _api("discharge-letter-detail", DischargeLetter, readers=HOSPITAL_AND_GP),
    _api("municipal-reply-detail", MunicipalReply, readers=HOSPITAL_AND_MUNICIPALITY),
    _api("sudden-change-detail", SuddenChange, readers=HOSPITAL_AND_MUNICIPALITY),
    _api("rehab-api-plan-detail", Plan),
    Endpoint(
        "rehab-api-plan-export",
        "detail",
        lambda c: None if (p := first_of(Plan, c)) is None else f"/api/v1/rehab/plans/{p.pk}/export/",
        route="api:rehab-api-plan-export",
        records=True,
    ),
    _api("rehab-api-delivery-detail", Delivery, "plan__course__citizen"),
    _api("rehab-api-contact-detail", FirstContact, "delivery__plan__course__citizen"),
    _api("rehab-api-course-detail", RehabCourse, "plan__course__citizen"),
    _api("rehab-api-advance-notice-detail", AdvanceNotice, readers=HOSPITAL_AND_MUNICIPALITY),
    _api("aids-need-detail", AidNeed, readers=HOSPITAL_AND_MUNICIPALITY),
    _api("aids-loan-detail", Loan, _NEED, readers=HOSPITAL_AND_MUNICIPALITY),
    _api("aids-dispute-detail", Dispute, _NEED, readers=HOSPITAL_AND_MUNICIPALITY),
    Endpoint(
        "aids-loan-slip-api",
        "detail",
        lambda c: (
            None if (row := first_of(Loan, c, _NEED)) is None else f"/api/v1/aids/loans/{row.pk}/slip.pdf/"
        ),
        route="api:aids-loan-slip",
        records=True,
        readers=HOSPITAL_AND_MUNICIPALITY,
        shows_cpr=False,
    ),
    _html(
        "html-psychiatry-course",
        "psychiatry-course",
        on_record("psychiatry-course", PsychiatricCourse, "citizen", kind="adult"),
        readers=PSYCHIATRY,
    ),
    *(
        _html(f"html-{route}", route, on_record(route, model), readers=PSYCHIATRY, shows_cpr=False)
        for route, model in [
            ("psychiatry-care-plan-pdf", CarePlan),
            ("psychiatry-treatment-plan-pdf", PsychiatricTreatmentPlan),
        ]
    ),
    _html(
        "html-psychiatry-statement-pdf",
        "psychiatry-statement-pdf",
        on_record("psychiatry-statement-pdf", PsychiatricCourse, "citizen", kind="child"),
        readers=PSYCHIATRY,
        shows_cpr=False,
    ),
    _psy("course", PsychiatricCourse, kind="adult"),
    _psy("contact-person", ContactPerson),
    _psy("meeting", Meeting),
    _psy("treatment-plan", PsychiatricTreatmentPlan),
    _psy("child-assessment", ChildAssessment),
    *(
        _psy(kind.replace("_", "-"), CarePlan, kind=kind)
        for kind in ("discharge_agreement", "coordination_plan")
    ),
    _psy("dual-diagnosis-plan", CarePlan, kind="dual_diagnosis"),
    _psy("action-plan", CarePlan, kind="action_plan"),
    _psy("referral", Referral),
    # prevention: the course's screenings and referrals; a referral is between the referring hospital and the
    # receiving municipality (the GP sees the citizen but is no party)
    _html("html-prevention-course", "prevention-course", on_course("prevention-course")),
    _html(
        "html-prevention-referral",
        "prevention-referral",
        on_record("prevention-referral", PreventionReferral, "citizen"),
        readers=HOSPITAL_AND_MUNICIPALITY,
    ),
    _api("prevention-api-screening-detail", PreventionScreening, "citizen"),
    _api("prevention-api-referral-detail", PreventionReferral, "citizen", readers=HOSPITAL_AND_MUNICIPALITY),
    _api("deadline-detail", Deadline, "citizen"),
    Endpoint(
        "alert-detail",
        "detail",
        lambda c: (
            None
            if (a := first_of(Alert, c, "deadline__citizen", organisation__code=ALERTED)) is None
            else f"/api/v1/alerts/{a.pk}/"
        ),
        route="api:alert-detail",
        records=True,
        readers=HOSPITAL,
        shows_cpr=False,
    ),
]


def shown(body: str, citizens: dict[str, Citizen]) -> set[str]:
    """The citizens whose CPR number (as printed, DDMMYY-XXXX) or name the response shows."""
    return {key for key, c in citizens.items() if c.cpr_display in body or c.name in body}


def endpoint_id(endpoint: Endpoint) -> str:
    return endpoint.id
