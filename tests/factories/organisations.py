import factory
from factory.django import DjangoModelFactory

from sundhedsaftale.organisations.models import Organisation


def organisation_get(code: str) -> Organisation:
    """A reference organisation (loaded by the migrations) by its code: "751", "AUH-ORT", "klynge-aarhus"."""
    return Organisation.objects.select_related("parent", "cluster").get(code=code)


class PracticeFactory(DjangoModelFactory[Organisation]):
    """A GP practice; its code is a 6-digit ydernummer (9xxxxx, outside the demo practices' 0xxxxx)."""

    class Meta:
        model = Organisation
        django_get_or_create = ("code",)

    kind = Organisation.Kind.PRACTICE
    code = factory.Sequence(lambda n: f"{900000 + n:06d}")
    name = factory.LazyAttribute(lambda o: f"Lægerne i Testrup ({o.code})")
    parent = factory.LazyFunction(lambda: organisation_get("1082"))
    cluster = factory.LazyFunction(lambda: organisation_get("klynge-aarhus"))
