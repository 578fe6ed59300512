from django.apps import AppConfig


class CitizensConfig(AppConfig):
    name = "sundhedsaftale.citizens"
    label = "citizens"
    verbose_name = "Borgere og behandlingsrelationer"

    def ready(self) -> None:
        from sundhedsaftale.citizens import audit

        audit.register()
