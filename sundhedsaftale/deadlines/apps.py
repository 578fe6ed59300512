from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "sundhedsaftale.deadlines"
    label = "deadlines"
    verbose_name = "Frister og advarsler"

    def ready(self) -> None:
        from sundhedsaftale.deadlines import audit

        audit.register()
