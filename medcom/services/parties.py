"""Who a message is from and to: organisations found by their SOR code, an unknown sender registered as external,
an unknown receiver refused, and the REST client checked against the receiver it posts for."""

from django.contrib.auth.models import User
from django.utils.translation import gettext as _

from admissions.models import Course
from medcom.fhir.bundle import Party
from sundhedsaftale.errors import DomainError
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.organisations.roles import Role
from sundhedsaftale.organisations.services import organisation_register_external, system_user_for


def organisation_by_sor(sor: str) -> Organisation | None:
    return Organisation.objects.select_related("parent").filter(sor_code=sor).first() if sor else None


def receiver_resolve(*, party: Party) -> Organisation:
    """The organisation the message is addressed to; raise ``DomainError`` (422, ``unknown_receiver``) when the
    product does not know the SOR code: a message for someone else is refused, not kept."""
    receiver = organisation_by_sor(party.sor)
    if receiver is None:
        raise DomainError(
            _("Modtageren med SOR-kode %(sor)s (%(name)s) er ikke kendt i systemet.")
            % {"sor": party.sor or "?", "name": party.name or _("uden navn")},
            field="MessageHeader.destination.receiver",
            code="unknown_receiver",
            status_code=422,
        )
    return receiver


def receiving_municipality(receiver: Organisation) -> Organisation | None:
    """The municipality a receiver belongs to (itself, or the municipality of a municipal unit)."""
    if receiver.kind == Organisation.Kind.MUNICIPALITY:
        return receiver
    if receiver.kind == Organisation.Kind.MUNICIPAL_UNIT and receiver.parent is not None:
        return receiver.parent
    return None


def poster_check(*, user: User, receiver: Organisation) -> None:
    """A REST client posts as an ``integration`` member of the receiving organisation (or of the municipality
    a receiving unit belongs to); raise ``DomainError`` (403) otherwise."""
    allowed = {receiver.pk, *([receiver.parent_id] if receiver.parent_id else [])}
    for membership in user.memberships.all():
        if membership.role == Role.INTEGRATION and membership.organisation_id in allowed:
            return
    raise DomainError(
        _("Du må kun aflevere meddelelser til den organisation, du er integration for."),
        code="not_receiver",
        status_code=403,
    )


def sender_department(*, party: Party, course: Course | None = None) -> Organisation:
    """The department a message's service provider names. An unknown SOR code is registered: as a department
    of the course's hospital when the message follows up on a course (a corrected department), else as an
    external hospital with this one department (a hospital outside the region)."""
    organisation = organisation_by_sor(party.sor)
    if organisation is not None and organisation.kind == Organisation.Kind.DEPARTMENT:
        return organisation
    if organisation is not None and organisation.kind == Organisation.Kind.HOSPITAL:
        department = organisation.children.filter(kind=Organisation.Kind.DEPARTMENT).order_by("pk").first()
        if department is not None:
            return department
        return organisation_register_external(
            sor_code=f"{party.sor}-1", name=party.name, kind=Organisation.Kind.DEPARTMENT, parent=organisation
        )
    if organisation is not None:
        raise DomainError(
            _("Afsenderen %(name)s er ikke et hospital.") % {"name": organisation.name},
            field="Encounter.serviceProvider",
            code="sender_not_hospital",
            status_code=422,
        )
    if course is not None:
        hospital = course.hospital
    else:
        hospital = organisation_register_external(
            sor_code=party.sor, name=party.name, kind=Organisation.Kind.HOSPITAL, gln=party.gln
        )
    return organisation_register_external(
        sor_code=party.sor, name=party.name, kind=Organisation.Kind.DEPARTMENT, gln=party.gln, parent=hospital
    )


def hospital_user(hospital: Organisation) -> User:
    """The system user that acts for the hospital when its EPJ's message is applied to a course."""
    return system_user_for(organisation=hospital)


def hospital_side_user(course: Course) -> User:
    return hospital_user(course.hospital)
