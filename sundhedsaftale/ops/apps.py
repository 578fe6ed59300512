from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "sundhedsaftale.ops"
    label = "ops"
    verbose_name = "Drift"
