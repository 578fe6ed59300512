from typing import Any, cast

import factory
from django.contrib.auth.models import User
from factory.django import DjangoModelFactory

from sundhedsaftale.organisations.models import Membership, Organisation
from sundhedsaftale.organisations.roles import Role
from sundhedsaftale.organisations.services import member_create
from tests.factories.organisations import PracticeFactory, organisation_get

TEST_PASSWORD = "korrekt-hest-batteri-42"

# Where a member of each role works unless the test says otherwise.
DEFAULT_ORGANISATION: dict[str, str | None] = {
    Role.WARD_STAFF: "AUH-ORT",
    Role.VISITATION: "751",
    Role.GP: None,  # a new practice
    Role.STEERING_GROUP: "klynge-aarhus",
    Role.REGIONAL_ADMIN: "1082",
    Role.INTEGRATION: "AUH",
}


def default_organisation(role: str) -> Organisation:
    code = DEFAULT_ORGANISATION[role]
    return organisation_get(code) if code else PracticeFactory.create()


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"bruger{n}")
    first_name = factory.Sequence(lambda n: ["Karen", "Jens", "Mette", "Søren", "Inge", "Lars"][n % 6])
    last_name = "Testesen"
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.dk")
    password = factory.django.Password(TEST_PASSWORD)


class MembershipFactory(DjangoModelFactory[Membership]):
    """``MembershipFactory(role="visitation")`` places the user in the role's default organisation."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.WARD_STAFF
    organisation = factory.LazyAttribute(lambda o: default_organisation(o.role))


_counter = iter(range(1, 10**9))


def member(role: str, organisation_code: str | None = None, **user_fields: Any) -> User:
    """Return a new user who is a member in ``role`` (through the product's own ``member_create``).

    ``role="superuser"`` gives a Django superuser without memberships. The password is ``TEST_PASSWORD``.
    ``member(role, code, username=existing.username)`` adds a membership to an existing user.
    """
    username = user_fields.pop("username", None) or f"{role.replace('_', '-')}{next(_counter)}"
    if role == "superuser":
        return UserFactory.create(username=username, is_superuser=True, is_staff=True, **user_fields)
    code = organisation_code or default_organisation(role).code
    # an existing user keeps its password, so a client already logged in as it stays logged in
    password = None if User.objects.filter(username=username).exists() else TEST_PASSWORD
    user = member_create(username=username, password=password, organisation_code=code, role=role)
    for field, value in user_fields.items():
        setattr(user, field, value)
    if user_fields:
        user.save()
    return cast(User, user)
