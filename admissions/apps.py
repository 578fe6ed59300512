from django.apps import AppConfig


class AdmissionsConfig(AppConfig):
    name = "admissions"
    verbose_name = "Indlæggelser"

    def ready(self) -> None:
        from admissions import audit

        audit.register()
