from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "sundhedsaftale.access"
    label = "access"
    verbose_name = "Adgang og adgangslog"
