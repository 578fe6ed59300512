"""Routes with a parameter that show no citizen's data, and routes that only write: the two lists the
route-coverage walk (``tests/kernel/test_route_coverage.py``) accepts beside the endpoint matrix of
``tests/citizen_endpoints.py``."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from django.db.models import Model

from admissions.models import AdmissionNotice, Consent, Course, InformationRequest, Message
from aids.models import AidNeed, Dispute, Loan, MissingAidAlert
from discharge.models import DischargeConference, DischargeLetter, DischargeTimeProposal, SuddenChange
from prevention.models import Referral as PreventionReferral
from psychiatry.models import CarePlan, Notice, PsychiatricCourse, Referral
from rehab.models import Delivery, Plan, RehabCourse
from sundhedsaftale.citizens.models import Citizen
from sundhedsaftale.deadlines.models import Alert
from tests.citizen_endpoints import course_of
from tests.citizen_records import first_of

# Routes with a parameter that show no citizen's data, each with its reason.
NO_CITIZEN_DATA: dict[str, str] = {
    "api:organisation-detail": "an organisation's master data and contacts",
    "api:deadline-rule-preview": "a rule of the catalogue computed on dates the caller gives",
    "keyfigure-report": "a key-figure report: suppressed counts of a unit, no citizen",
    "keyfigure-report-pdf": "a key-figure report's PDF: suppressed counts of a unit, no citizen",
    "cluster-detail": "a cluster's members, notices and meetings name no citizen",
    "meeting-create": "a steering-group meeting names no citizen",
    "meeting-detail": "a steering-group meeting's agenda, minutes and decisions name no citizen",
    "api:rehab-api-capacity-notice-detail": "capacity notices are between organisations and name no citizen",
    "rehab-letter-3-10": "annex 3.10 is one letter per department, about no citizen",
    "medcom-inbound": "a MedCom message's log row and Bundle with the patient, texts and attachments left out "
    "(regional admin only; POST processes a failed one again)",
    "medcom-outbound": "a sent MedCom message's log row and Bundle with the patient and texts left out",
    "api:aids-type-detail": "the catalogue of aid types is reference data",
    "api:aids-depot-detail": "a depot belongs to an organisation and names no citizen",
    "api:aids-capacity-note-detail": "capacity notes are between organisations and name no citizen",
    "prevention-offer": "an offer of the shared prevention catalogue names no citizen",
    "prevention-offer-edit": "the provider's form of a catalogue offer, which names no citizen",
    "prevention-public-offer": "the public catalogue's offer, without log-in and without citizen data",
    "api:prevention-api-offer-detail": "an offer of the public prevention catalogue names no citizen",
}


@dataclass(frozen=True)
class Write:
    """A route that only changes a record (POST, or PATCH): ``url`` for a record of the citizen."""

    reason: str
    url: Callable[[Citizen], str | None]
    method: Literal["post", "patch"] = "post"
    data: dict[str, str] | None = None  # a valid body, where the route checks the body before the record


def _api_action(
    prefix: str, model: type[Model], action: str, path: str = "course__citizen"
) -> Callable[[Citizen], str | None]:
    return lambda c: (
        None if (row := first_of(model, c, path)) is None else f"/api/v1/{prefix}/{row.pk}/{action}/"
    )


def _course_action(suffix: str) -> Callable[[Citizen], str | None]:
    return lambda c: None if (pk := course_of(c)) is None else f"/forloeb/{pk}/{suffix}"


_PLAN = "plan__course__citizen"
_NEED = "need__course__citizen"
_COURSE_FORM = "a form on the course page; the page itself is course-detail"

# Routes with a parameter that only write; a member of another organisation posting for a foreign citizen's
# record is answered 404 (403 where the page refuses everyone alike) and nothing is written
# (``tests/kernel/test_route_coverage.py``).
WRITE_ONLY: dict[str, Write] = {
    "course-contact-person": Write(_COURSE_FORM, _course_action("kontaktperson/")),
    "course-place": Write(_COURSE_FORM, _course_action("stue/")),
    "course-consent": Write(_COURSE_FORM, _course_action("samtykke/")),
    "course-leave": Write(_COURSE_FORM, _course_action("orlov/")),
    "course-transfer": Write(_COURSE_FORM, _course_action("overflytning/")),
    "course-death": Write(_COURSE_FORM, _course_action("doedsfald/")),
    "course-cancel": Write(
        _COURSE_FORM, _course_action("annuller/"), data={"reason": "Registreret ved en fejl"}
    ),
    "course-information-request": Write(_COURSE_FORM, _course_action("forespoergsel/")),
    "course-message": Write(_COURSE_FORM, _course_action("korrespondance/")),
    "course-report-request": Write(_COURSE_FORM, _course_action("indlaeggelsesrapport/anmod/")),
    "consent-withdraw": Write(
        "withdraws a consent, then redirects to the course page",
        lambda c: None if (row := first_of(Consent, c)) is None else f"/samtykke/{row.pk}/tilbagekald/",
    ),
    "notice-mark-read": Write(
        "marks an admission notice read in the municipal inbox",
        lambda c: (
            None if (row := first_of(AdmissionNotice, c)) is None else f"/kommune/advis/{row.pk}/laest/"
        ),
    ),
    **{
        f"inbox-{name}": Write(
            "assigns an inbox item to oneself or lets it go, then back to the inbox",
            (
                lambda s: (
                    lambda c: (
                        None
                        if (row := first_of(AdmissionNotice, c)) is None
                        else f"/indbakke/advis/{row.pk}/{s}/"
                    )
                )
            )(suffix),
        )
        for name, suffix in [("assign", "tildel"), ("unassign", "fjern-tildeling")]
    },
    "gp-letter-mark-read": Write(
        "marks an epikrise read for the practice, then back to the GP's epikriser",
        lambda c: (
            None if (row := first_of(DischargeLetter, c)) is None else f"/praksis/epikriser/{row.pk}/laest/"
        ),
    ),
    "discharge-sudden-change-ack": Write(
        "acknowledges a sudden change, then back to the discharge page",
        lambda c: (
            None
            if (row := first_of(SuddenChange, c)) is None
            else f"/forloeb/{row.course_id}/udskrivning/aendring/{row.pk}/kvitter/"
        ),
    ),
    "discharge-time-answer": Write(
        "accepts or declines a proposed discharge time, then back to the discharge page",
        lambda c: (
            None
            if (row := first_of(DischargeTimeProposal, c)) is None
            else f"/forloeb/{row.course_id}/udskrivning/tidspunkt/{row.pk}/svar/"
        ),
    ),
    "alert-inbox-acknowledge": Write(
        "acknowledges an alert of the inbox",
        lambda c: (
            None if (a := first_of(Alert, c, "deadline__citizen")) is None else f"/advarsler/{a.pk}/kvitter/"
        ),
    ),
    "alert-inbox-assign": Write(
        "assigns an alert to oneself",
        lambda c: (
            None if (a := first_of(Alert, c, "deadline__citizen")) is None else f"/advarsler/{a.pk}/tildel/"
        ),
    ),
    "rehab-plan-create": Write(
        "creates a plan on a course, then redirects to it",
        lambda c: None if (pk := course_of(c)) is None else f"/genoptraening/forloeb/{pk}/ny-plan/",
    ),
    **{
        f"rehab-plan-{name}": Write(
            "a form of the plan page (rehab-plan)",
            (
                lambda s: (
                    lambda c: None if (p := first_of(Plan, c)) is None else f"/genoptraening/plan/{p.pk}/{s}/"
                )
            )(suffix),
        )
        for name, suffix in [
            ("save", "gem"),
            ("autosave", "autosave"),
            ("finalise", "faerdiggoer"),
            ("correct", "ret"),
            ("send", "send"),
        ]
    },
    **{
        f"rehab-delivery-{name}": Write(
            "a form of the received plan's page (rehab-delivery)",
            (
                lambda s: (
                    lambda c: (
                        None
                        if (d := first_of(Delivery, c, _PLAN)) is None
                        else f"/genoptraening/modtaget/{d.pk}/{s}/"
                    )
                )
            )(suffix),
        )
        for name, suffix in [
            ("receive", "kvitter"),
            ("contact", "kontakt"),
            ("forward", "videresend"),
            ("decline", "afvis"),
            ("course", "forloeb"),
        ]
    },
    "rehab-course-final-status": Write(
        "a form of the received plan's page",
        lambda c: (
            None
            if (r := first_of(RehabCourse, c, _PLAN)) is None
            else f"/genoptraening/forloeb-genoptraening/{r.pk}/slutstatus/"
        ),
    ),
    "rehab-course-end": Write(
        "a form of the received plan's page",
        lambda c: (
            None
            if (r := first_of(RehabCourse, c, _PLAN)) is None
            else f"/genoptraening/forloeb-genoptraening/{r.pk}/afslut/"
        ),
    ),
    **{
        f"api:api-course-{name}": Write(
            "an action on a course (api-course-detail reads it)",
            _api_action("courses", Course, name, "citizen"),
        )
        for name in ["cancel", "contact-person", "death", "leave-end", "leave-start", "place", "transfer"]
    },
    "api:api-consent-withdraw": Write("withdraws a consent", _api_action("consents", Consent, "withdraw")),
    "api:api-information-request-reply": Write(
        "answers an information request", _api_action("information-requests", InformationRequest, "reply")
    ),
    **{
        f"api:api-message-{name}": Write(
            f"{name}: an action on a message", _api_action("messages", Message, name)
        )
        for name in ["attachments", "forward", "read", "reply"]
    },
    "api:discharge-conference-outcome": Write(
        "records a conference's outcome", _api_action("discharge-conferences", DischargeConference, "outcome")
    ),
    **{
        f"api:rehab-api-plan-{name}": Write(
            f"{name}: an action on a plan",
            _api_action("rehab/plans", Plan, name),
            "patch" if name == "draft" else "post",
        )
        for name in ["correct", "draft", "finalise", "send"]
    },
    **{
        f"api:rehab-api-delivery-{name}": Write(
            f"{name}: an action on a received plan", _api_action("rehab/deliveries", Delivery, name, _PLAN)
        )
        for name in ["contact", "forward", "receive"]
    },
    "api:rehab-api-delivery-decline": Write(
        "decline: an action on a received plan",
        _api_action("rehab/deliveries", Delivery, "decline", _PLAN),
        data={"reason": "Borgeren bor i en anden kommune"},
    ),
    "api:rehab-api-course-end": Write(
        "ends a rehab course",
        _api_action("rehab/courses", RehabCourse, "end", _PLAN),
        data={"ended_on": "2026-01-05"},
    ),
    "api:rehab-api-course-final-status": Write(
        "sends a rehab course's final status",
        _api_action("rehab/courses", RehabCourse, "final-status", _PLAN),
        data={"summary": "Afsluttet", "functional_level": "Selvhjulpen"},
    ),
    "aids-need-create": Write(
        "registers an aid need on a course (aids-course shows it)",
        lambda c: None if (pk := course_of(c)) is None else f"/hjaelpemidler/forloeb/{pk}/nyt-behov/",
    ),
    **{
        f"aids-{name}": Write(
            "a form of the aid need's page (aids-need)",
            (
                lambda s: (
                    lambda c: (
                        None if (n := first_of(AidNeed, c)) is None else f"/hjaelpemidler/behov/{n.pk}/{s}/"
                    )
                )
            )(suffix),
        )
        for name, suffix in [
            ("need-deliver", "lever"),
            ("need-cancel", "annuller"),
            ("loan-create", "udlaan"),
            ("dispute-open", "tvivl"),
        ]
    },
    "aids-loan-return": Write(
        "a form of the aid need's page: the loan came back",
        lambda c: None if (r := first_of(Loan, c, _NEED)) is None else f"/hjaelpemidler/udlaan/{r.pk}/retur/",
    ),
    **{
        f"aids-dispute-{name}": Write(
            "a form of the dispute's page (aids-dispute)",
            (
                lambda s: (
                    lambda c: (
                        None
                        if (d := first_of(Dispute, c, _NEED)) is None
                        else f"/hjaelpemidler/tvivl/{d.pk}/{s}/"
                    )
                )
            )(suffix),
        )
        for name, suffix in [("escalate", "forelaeg"), ("decide", "afgoer")]
    },
    "aids-alert-acknowledge": Write(
        "acknowledges an alert of an aid missing at discharge (the worklist shows it)",
        lambda c: (
            None
            if (a := first_of(MissingAidAlert, c, _NEED)) is None
            else f"/hjaelpemidler/advarsel/{a.pk}/kvitter/"
        ),
    ),
    **{
        f"api:aids-need-{name}": Write(
            f"{name}: an action on an aid need", _api_action("aids/needs", AidNeed, name)
        )
        for name in ["deliver", "cancel"]
    },
    "api:aids-loan-return": Write(
        "records a loan's return", _api_action("aids/loans", Loan, "return", _NEED)
    ),
    **{
        f"api:aids-dispute-{name}": Write(
            f"{name}: an action on a dispute", _api_action("aids/disputes", Dispute, name, _NEED)
        )
        for name in ["escalate", "decide"]
    },
    **{
        f"prevention-course-{name}": Write(
            "a form on the course's prevention page (prevention-course)",
            (
                lambda s: (
                    lambda c: None if (pk := course_of(c)) is None else f"/forebyggelse/forloeb/{pk}/{s}/"
                )
            )(suffix),
        )
        for name, suffix in [("screening", "screening"), ("refer", "henvis")]
    },
    "prevention-referral-status": Write(
        "the receiver's status form on the referral page (prevention-referral)",
        lambda c: (
            None
            if (row := first_of(PreventionReferral, c, "citizen")) is None
            else f"/forebyggelse/henvisninger/{row.pk}/status/"
        ),
    ),
    "api:prevention-api-referral-set-status": Write(
        "the receiver moves a referral's status",
        _api_action("prevention/referrals", PreventionReferral, "status", "citizen"),
        data={"status": "contacted"},
    ),
    "api:alert-acknowledge": Write(
        "acknowledges an alert",
        lambda c: (
            None
            if (a := first_of(Alert, c, "deadline__citizen")) is None
            else f"/api/v1/alerts/{a.pk}/acknowledge/"
        ),
    ),
    # psychiatry: the course page's forms, starting a course from the board, a notice read; the API's actions
    "psychiatry-course-action": Write(
        "a form on the psychiatric course page (psychiatry-course)",
        lambda c: (
            None
            if (row := first_of(PsychiatricCourse, c, "citizen")) is None
            else f"/psykiatri/forloeb/{row.pk}/samtykke/"
        ),
    ),
    "psychiatry-course-start": Write(
        "starts the psychiatric course of an admission, then redirects to it",
        lambda c: None if (pk := course_of(c)) is None else f"/psykiatri/indlaeggelse/{pk}/start/",
    ),
    "psychiatry-notice-read": Write(
        "marks a psychiatric notice read in the inbox",
        lambda c: None if (row := first_of(Notice, c)) is None else f"/psykiatri/orientering/{row.pk}/laest/",
    ),
    **{
        f"api:psychiatry-api-course-{name}": Write(
            "an action on a psychiatric course (its detail reads it)",
            _api_action("psychiatry/courses", PsychiatricCourse, name, "citizen"),
        )
        for name in ["consent", "inform", "discharge-time", "complete", "unplanned-discharge", "gp-letter"]
    },
    "api:psychiatry-api-action-plan-follow-up": Write(
        "records the yearly follow-up of the municipality's action plan",
        lambda c: (
            None
            if (row := first_of(CarePlan, c, kind="action_plan")) is None
            else f"/api/v1/psychiatry/action-plans/{row.pk}/follow-up/"
        ),
    ),
    **{
        f"api:psychiatry-api-referral-{name}": Write(
            "an action on a referral to child and adolescent psychiatry",
            _api_action("psychiatry/referrals", Referral, name),
        )
        for name in ["visitate", "offer-contact"]
    },
}
