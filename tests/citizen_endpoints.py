"""Every endpoint that shows citizen data, for the visibility matrix and the access-log check.

Add a new citizen-data endpoint here with one line: ``tests/kernel/test_visibility.py`` then walks it for
every role, and ``tests/kernel/test_access_log.py`` checks that each read of it is logged.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from sundhedsaftale.citizens.models import Citizen

SURNAME = "Matrixsen"  # the tests' citizens share it, so one search by name finds them all


@dataclass(frozen=True)
class Endpoint:
    """A citizen-data endpoint.

    ``list``: one request shows some citizens; ``detail``: one request per citizen, 200 or 404;
    ``lookup``: one request per citizen (a search for it) that shows it or shows nothing.
    ``roles``: the only roles that may use it at all; the others get 403 for every citizen alike.
    ``shows_cpr``: whether the response names the citizen (an export about one citizen may not).
    ``per_course``: it shows courses, so citizens without a course are left out.
    Lookups search by the compact CPR; what counts as shown is the printed ``DDMMYY-XXXX`` or the name.
    """

    id: str
    kind: Literal["list", "detail", "lookup"]
    url: Callable[[Citizen], str]
    roles: frozenset[str] | None = None
    shows_cpr: bool = True
    per_course: bool = False


def course_of(citizen: Citizen) -> int | None:
    return citizen.courses.order_by("pk").values_list("pk", flat=True).first()


ADMINS = frozenset({"regional_admin", "superuser"})

ENDPOINTS = [
    Endpoint("api-citizen-list", "list", lambda c: "/api/v1/citizens/?page_size=500"),
    Endpoint("api-citizen-detail", "detail", lambda c: f"/api/v1/citizens/{c.pk}/"),
    Endpoint("api-citizen-by-cpr", "lookup", lambda c: f"/api/v1/citizens/?cpr={c.cpr}"),
    Endpoint("html-search-by-name", "list", lambda c: f"/borgere/?q={SURNAME}"),
    Endpoint("html-search-by-cpr", "lookup", lambda c: f"/borgere/?q={c.cpr}"),
    Endpoint("html-citizen-detail", "detail", lambda c: f"/borgere/{c.pk}/"),
    Endpoint("html-access-log", "detail", lambda c: f"/borgere/{c.pk}/adgangslog/", roles=ADMINS),
    Endpoint(
        "html-access-log-csv",
        "detail",
        lambda c: f"/borgere/{c.pk}/adgangslog/?format=csv",
        roles=ADMINS,
        shows_cpr=False,
    ),
    Endpoint("api-course-list", "list", lambda c: "/api/v1/courses/?page_size=500", per_course=True),
    Endpoint("api-course-detail", "detail", lambda c: f"/api/v1/courses/{course_of(c)}/", per_course=True),
    Endpoint("html-course-detail", "detail", lambda c: f"/forloeb/{course_of(c)}/", per_course=True),
    Endpoint("html-citizen-deadlines", "detail", lambda c: f"/frister/borger/{c.pk}/"),
    Endpoint("html-rehab-timeline", "detail", lambda c: f"/genoptraening/borger/{c.pk}/"),
]


def shown(body: str, citizens: dict[str, Citizen]) -> set[str]:
    """The citizens whose CPR number (as printed, DDMMYY-XXXX) or name the response shows."""
    return {key for key, c in citizens.items() if c.cpr_display in body or c.name in body}


def endpoint_id(endpoint: Endpoint) -> str:
    return endpoint.id
