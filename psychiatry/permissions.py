"""Who may write what on a psychiatric course: the department's own staff (or its hospital unit's, or an EPJ
integration acting for it) on the hospital side; the municipality and the GP once informed (they then hold the
psychiatric care relation)."""

from django.contrib.auth.models import User
from django.utils.translation import gettext as _

from psychiatry.models import PsychiatricCourse
from sundhedsaftale.errors import DomainError
from sundhedsaftale.organisations.actor import Actor, actor_for
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.organisations.roles import Role

HOSPITAL_ROLES = frozenset({Role.WARD_STAFF, Role.INTEGRATION})


def department_actor(*, user: User, department: Organisation) -> Actor:
    """Return the user acting for the psychiatric department; 403 ``DomainError`` for anyone else."""
    actor = actor_for(user=user, organisation=department)
    if actor.role in HOSPITAL_ROLES and department.pk in actor.organisation_ids:
        return actor
    raise DomainError(
        _("Kun den psykiatriske afdelings eget personale kan gøre dette."),
        code="not_your_department",
        status_code=403,
    )


def hospital_side(*, course: PsychiatricCourse, user: User) -> Actor:
    return department_actor(user=user, department=course.department)


def municipality_side(*, course: PsychiatricCourse, user: User) -> Actor:
    """Return the user acting for the citizen's municipality, which must have been informed (403 otherwise)."""
    municipality = course.citizen.municipality
    actor = actor_for(user=user, organisation=municipality)
    if (
        actor.acting_organisation == municipality
        and actor.reads_personal_data
        and PsychiatricCourse.objects.visible_to(actor).filter(pk=course.pk).exists()
    ):
        return actor
    raise DomainError(
        _("Kun borgerens kommune kan gøre dette, når den er orienteret om forløbet."),
        code="not_your_municipality",
        status_code=403,
    )


def any_party(*, course: PsychiatricCourse, user: User) -> tuple[Actor, str]:
    """Return the actor and which party it is (hospital, municipality, gp) of a visible course."""
    try:
        return hospital_side(course=course, user=user), "hospital"
    except DomainError:
        pass
    for party, organisation in (
        ("municipality", course.citizen.municipality),
        ("gp", course.citizen.gp_practice),
    ):
        if organisation is None:
            continue
        actor = actor_for(user=user, organisation=organisation)
        if (
            actor.acting_organisation == organisation
            and PsychiatricCourse.objects.visible_to(actor).filter(pk=course.pk).exists()
        ):
            return actor, party
    raise DomainError(_("Du er ikke part i forløbet."), code="not_a_party", status_code=403)
