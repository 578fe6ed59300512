from django.apps import AppConfig


class DischargeConfig(AppConfig):
    name = "discharge"
    verbose_name = "Udskrivning"

    def ready(self) -> None:
        from discharge import audit

        audit.register()
