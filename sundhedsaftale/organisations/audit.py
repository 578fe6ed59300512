"""Writes to who may act for whom (memberships) and to the organisations' reference data are audited.

The regional secretariat edits these in the admin (DOMAIN.md, "Who works with it"); a membership decides
which citizens a user sees, so each change is kept with before/after and the acting user (django-auditlog).
None of them holds a CPR.
"""

from auditlog.registry import auditlog


def register() -> None:
    from sundhedsaftale.organisations.models import Contact, Membership, OpeningHours, Organisation

    for model in (Organisation, Contact, OpeningHours, Membership):
        auditlog.register(model)
