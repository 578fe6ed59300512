from django.apps import AppConfig


class ClustersConfig(AppConfig):
    name = "clusters"
    verbose_name = "Organisationer og klynger"

    def ready(self) -> None:
        from clusters import audit

        audit.register()
