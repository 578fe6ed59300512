"""Write use-cases for people: making a user a member of an organisation in a role, and ending it.

Used by ``manage.py add_user`` and the demo loader, so both grant exactly the same rights.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group, Permission, User
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils.translation import gettext as _

from sundhedsaftale.organisations.models import Membership, Organisation
from sundhedsaftale.organisations.roles import Role

REGIONAL_SECRETARIAT_GROUP = "Regionalt sekretariat"
# The regional secretariat maintains the reference data (DOMAIN.md, "Who works with it"): organisations,
# contact lists with opening hours, memberships, rule-set adoptions, closed days and the calendar conventions.
# It may not delete.
REGIONAL_SECRETARIAT_MODELS = (
    "organisation",
    "contact",
    "openinghours",
    "membership",
    "rulesetadoption",
    "closedday",
    "calendarconventions",
)
REGIONAL_SECRETARIAT_ACTIONS = ("add", "change", "view")

# Which kinds of organisation a role can belong to. The visibility rule looks at the organisation's kind,
# so a GP role on a hospital would quietly see the hospital's patients: refuse such combinations.
KINDS_FOR_ROLE: dict[str, frozenset[str]] = {
    Role.WARD_STAFF: frozenset({"hospital", "department"}),
    Role.VISITATION: frozenset({"municipality"}),
    Role.GP: frozenset({"practice"}),
    Role.STEERING_GROUP: frozenset({"cluster"}),
    Role.REGIONAL_ADMIN: frozenset({"region"}),
    Role.INTEGRATION: frozenset({"hospital", "department", "municipality", "practice"}),
}


class MemberError(ValueError):
    """The requested member cannot be created (unknown organisation or role, or a role that does not fit)."""


def member_check(*, organisation_code: str, role: str) -> Organisation:
    """Return the organisation the member will belong to; raise ``MemberError`` (Danish) if the pair is invalid."""
    if role not in Role.values:
        raise MemberError(
            _("Ukendt rolle »%(role)s«. Gyldige roller: %(roles)s.")
            % {"role": role, "roles": ", ".join(Role.values)}
        )
    organisation = Organisation.objects.filter(code=organisation_code).first()
    if organisation is None:
        raise MemberError(
            _(
                "Ukendt organisationskode »%(code)s« (kommunekode, ydernummer, afdelingskode, klynge-… eller 1082)."
            )
            % {"code": organisation_code}
        )
    if organisation.kind not in KINDS_FOR_ROLE[role]:
        raise MemberError(
            _("Rollen %(role)s passer ikke til %(organisation)s (%(kind)s).")
            % {
                "role": Role(role).label,
                "organisation": organisation,
                "kind": organisation.get_kind_display(),
            }
        )
    return organisation


def regional_secretariat_group() -> Group:
    """Return the "Regionalt sekretariat" group with its add/change/view permissions on the reference data."""
    group, _created = Group.objects.get_or_create(name=REGIONAL_SECRETARIAT_GROUP)
    codenames = [
        f"{action}_{model}"
        for model in REGIONAL_SECRETARIAT_MODELS
        for action in REGIONAL_SECRETARIAT_ACTIONS
    ]
    permissions = Permission.objects.filter(
        content_type__app_label__in=("organisations", "deadlines"), codename__in=codenames
    )
    group.permissions.add(*permissions)
    return group


@transaction.atomic
def member_create(
    *,
    username: str,
    password: str | None,
    organisation_code: str,
    role: str,
    is_lead: bool = False,
    email: str = "",
) -> AbstractUser:
    """Create the user (or find the existing one) and make it a member of the organisation in the role.

    Returns the user. A new user needs a password; for an existing user a given password replaces the old
    one and ``None`` keeps it. The password must pass Django's password validators (``ValidationError``).
    A regional admin also becomes staff in the "Regionalt sekretariat" group, so the admin opens for them.
    """
    organisation = member_check(organisation_code=organisation_code, role=role)
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    created = user is None
    if user is None:
        if not password:
            raise MemberError(_("En ny bruger skal have en adgangskode."))
        user = user_model(username=username, email=email)
    elif email:
        user.email = email
    if password:
        validate_password(password, user)
        user.set_password(password)
    if role == Role.REGIONAL_ADMIN:
        user.is_staff = True
    user.save()
    if role == Role.REGIONAL_ADMIN:
        user.groups.add(regional_secretariat_group())
    membership_add(user=user, organisation=organisation, role=role, is_lead=is_lead)
    if not created and hasattr(user, "_membership_cache"):
        del user._membership_cache
    return user


@transaction.atomic
def membership_add(
    *, user: "User", organisation: Organisation, role: str, is_lead: bool = False
) -> Membership:
    """Make the user a member of the organisation in the role (idempotent); return the membership."""
    membership, _created = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role, defaults={"is_lead": is_lead}
    )
    return membership


@transaction.atomic
def organisation_register_external(
    *, sor_code: str, name: str, kind: str, gln: str = "", parent: Organisation | None = None
) -> Organisation:
    """Register an organisation first met as the sender of a MedCom message (a hospital outside the region treating
    one of our citizens), or return the one that already has the SOR code. It is marked external and belongs to
    no cluster. Returns the organisation."""
    # A hospital registered for an external department is addressed through the department (its SOR code).
    is_hospital = kind == Organisation.Kind.HOSPITAL
    existing = None if is_hospital else Organisation.objects.filter(sor_code=sor_code).first()
    if existing is not None:
        return existing
    prefix = "SOR-H" if is_hospital else "SOR"
    organisation, _created = Organisation.objects.get_or_create(
        code=f"{prefix}-{sor_code}"[:32],
        defaults={
            "kind": kind,
            "name": (name or _("Ukendt afsender (SOR %(sor)s)") % {"sor": sor_code})[:200],
            "parent": parent,
            "sor_code": "" if is_hospital else sor_code,
            "gln": gln[:13],
            "is_external": True,
        },
    )
    return organisation


@transaction.atomic
def system_user_for(*, organisation: Organisation) -> "User":
    """The user that records what an organisation's own system reported (a MedCom message from its EPJ): an
    ``integration`` member of the organisation, without a password (it never logs in). Returns the user."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=f"system-{organisation.code}"[:150],
        defaults={"first_name": str(_("System")), "last_name": organisation.name[:150]},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    membership_add(user=user, organisation=organisation, role=Role.INTEGRATION)
    return user
