from django.db import models


class OrganisationQuerySet(models.QuerySet):
    def of_kind(self, *kinds: str) -> "OrganisationQuerySet":
        return self.filter(kind__in=kinds)

    def municipalities(self) -> "OrganisationQuerySet":
        return self.filter(kind="municipality")

    def hospitals(self) -> "OrganisationQuerySet":
        return self.filter(kind="hospital")

    def search(self, text: str) -> "OrganisationQuerySet":
        text = text.strip()
        if not text:
            return self
        return self.filter(
            models.Q(name__icontains=text)
            | models.Q(code__iexact=text)
            | models.Q(contacts__label__icontains=text)
        ).distinct()
