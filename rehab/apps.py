from django.apps import AppConfig


class RehabConfig(AppConfig):
    name = "rehab"
    verbose_name = "Genoptræning"

    def ready(self) -> None:
        from rehab import audit

        audit.register()
