from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "sundhedsaftale.organisations"
    label = "organisations"
    verbose_name = "Organisationer og medlemskaber"

    def ready(self) -> None:
        from sundhedsaftale.organisations import audit

        audit.register()
