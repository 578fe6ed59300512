"""Every write to psychiatric records is audited with before/after (django-auditlog)."""

from auditlog.registry import auditlog


def register() -> None:
    from psychiatry import models

    for name in models.__all__:
        auditlog.register(getattr(models, name))
