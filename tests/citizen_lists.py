"""The routes without a parameter (inboxes, boards, lists, dashboards, API lists, exports, forms), for the walk of
``tests/kernel/test_visibility_lists.py``: every one is in exactly one of the three tables below, so a new list
page cannot be forgotten (the walk's coverage test fails until it is placed).

- ``LISTS``: pages that list citizens. The walk reads each as every role and checks that no foreign citizen is on
  it and that each own citizen on it is in the access log; ``shown_to`` names a role that the walk's world shows
  at least one citizen there, so the check cannot pass on an empty page.
- ``NO_CITIZEN_LIST``: pages walked the same way that must show no citizen at all to anyone, with the reason.
- ``NOT_WALKED``: routes the walk does not read, with the reason.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ListPage:
    """A page that lists citizens: ``shown_to`` sees at least one there; ``queries`` are the ways it is read (the
    default view, and the filters that widen it); an API list is read with ``page_size=500`` besides, a page
    also as htmx asks for it (its fragment)."""

    shown_to: str
    queries: tuple[str, ...] = ("",)


def _api(shown_to: str = "ward_staff") -> ListPage:
    return ListPage(shown_to)


LISTS: dict[str, ListPage] = {
    # the HTML inboxes, boards and lists
    "citizen-search": ListPage("ward_staff", ("?q=Matrixsen",)),
    "alert-inbox": ListPage("ward_staff", ("", "?state=all")),
    "municipal-inbox": ListPage("visitation"),
    "gp-inbox": ListPage("gp"),
    "municipal-discharges": ListPage("visitation", ("", "?dage=30")),
    "ward-board": ListPage("ward_staff"),
    "gp-letters": ListPage("gp"),
    "rehab-ward": ListPage("ward_staff"),
    "rehab-inbox": ListPage("visitation", ("", "?alle=1")),
    "aids-worklist": ListPage("ward_staff", ("", "?alle=1")),
    "aids-depots": ListPage("visitation"),
    "prevention-referrals": ListPage("ward_staff", ("?retning=sent", "?retning=received")),
    "psychiatry-board": ListPage("integration"),
    "psychiatry-inbox": ListPage("visitation"),
    # the API's lists of citizens and of their records (a record names its citizen by id: the walk finds the
    # citizen of each row it answers)
    **{
        f"api:{name}": _api()
        for name in [
            "api-citizen-list",
            "api-course-list",
            "api-admission-list",
            "api-consent-list",
            "api-admission-notice-list",
            "api-admission-report-list",
            "api-information-request-list",
            "api-message-list",
            "discharge-plan-list",
            "discharge-notification-list",
            "finished-treatment-list",
            "discharge-conference-list",
            "discharge-notice-list",
            "discharge-report-list",
            "discharge-letter-list",
            "municipal-reply-list",
            "sudden-change-list",
            "rehab-api-plan-list",
            "rehab-api-delivery-list",
            "rehab-api-course-list",
            "rehab-api-advance-notice-list",
            "aids-need-list",
            "aids-loan-list",
            "aids-dispute-list",
            "prevention-api-screening-list",
            "prevention-api-referral-list",
            "deadline-list",
            "alert-list",
        ]
    },
    "api:rehab-api-contact-list": _api("visitation"),
    **{
        f"api:psychiatry-api-{name}-list": _api("integration")
        for name in [
            "course",
            "contact-person",
            "meeting",
            "treatment-plan",
            "discharge-agreement",
            "coordination-plan",
            "action-plan",
            "dual-diagnosis-plan",
            "child-assessment",
            "referral",
        ]
    },
}

_FORM = "a form that starts a new record: it names no citizen until one is typed"
_POST = "only takes a POST (a GET is 405)"

NO_CITIZEN_LIST: dict[str, str] = {
    "dashboard": "the front page: counts and links, no citizen",
    "membership-switch": _POST,
    "rule-catalogue": "the rule catalogue is reference data",
    "rule-catalogue-pdf": "the rule catalogue's pocket edition is reference data",
    "alert-count": "the number of open alerts, for the menu's badge",
    "contact-list": "the municipalities' and hospitals' contact data",
    "keyfigures": "key figures: suppressed counts of a unit",
    "keyfigures-csv": "one key figure's counts as CSV (read with noegletal=admissions)",
    "keyfigure-reports": "the key-figure reports of a unit: counts",
    "keyfigure-report-request": _POST,
    "citizen-lookup": "the region's look-up form for a stated purpose; the look-up itself is a POST",
    "course-admit": _FORM,
    "rehab-code-lookup": "a look-up of SKS and ICD-10 codes",
    "rehab-capacity": "capacity notices are between organisations",
    "aids-responsibility-preview": "who delivers and pays in a situation the user describes",
    "aids-capacity-note": _POST,
    "prevention-catalogue": "the shared catalogue of offers",
    "prevention-offer-create": _FORM,
    "prevention-export": "the catalogue of offers as CSV",
    "prevention-import": "the form that imports offers into the catalogue",
    "prevention-public": "the public catalogue, without log-in",
    "prevention-refer": _FORM,
    "prevention-figures": "referral counts per hospital and municipality",
    "psychiatry-referral-create": _FORM,
    "fhir-hospital-notification": "MedCom's inbound HospitalNotification: " + _POST,
    "fhir-care-communication": "MedCom's inbound CareCommunication: " + _POST,
    "medcom-log": "the MedCom message log: events and outcomes, the patient left out",
    "api:api-token": _POST,
    "api:api-logout": _POST,
    "api:api-admission-report-submit": _POST,
    "api:prevention-api-offer-import-csv": _POST,
    "api:deadline-rule-list": "the rule catalogue is reference data",
    "api:organisation-list": "organisations' master data",
    "api:keyfigure-list": "key figures: suppressed counts",
    "api:rehab-api-capacity-notice-list": "capacity notices are between organisations",
    "api:aids-responsibility-list": "who delivers and pays in a situation the caller gives (situation=...)",
    "api:aids-type-list": "the catalogue of aid types is reference data",
    "api:aids-depot-list": "depots belong to organisations",
    "api:aids-capacity-note-list": "capacity notes are between organisations",
    "api:prevention-api-offer-list": "the public prevention catalogue",
}

# The query a page without citizens needs to answer 200 at all (the walk reads it with it).
REQUIRED_QUERY: dict[str, str] = {
    "keyfigures-csv": "?noegletal=admissions",
    "api:aids-responsibility-list": "?situation=general_rehab",
}

NOT_WALKED: dict[str, str] = {
    "login": "the log-in page, before anyone is a role",
    "logout": "ends the session the walk reads with",
    "healthz": "the health check for the load balancer: no session, no data",
    "set_language": "Django's language switch: a POST that redirects",
    "api:api-root": "the API root lists the API's addresses",
    "schema": "the OpenAPI schema describes the API, it holds no data",
    "swagger-ui": "the API's documentation page",
}
