from django.apps import AppConfig


class PsychiatryConfig(AppConfig):
    name = "psychiatry"
    verbose_name = "Psykiatri"
