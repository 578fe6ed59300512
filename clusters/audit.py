"""Writes to who may see what (memberships) and to the reference data behind deadlines are audited.

The regional secretariat edits these in the admin (DOMAIN.md, "Who works with it"); a membership decides
which citizens a user sees, and closed days and rule-set adoptions move deadlines, so each change is kept
with before/after and the acting user (django-auditlog). None of them holds a CPR.
"""

from auditlog.registry import auditlog


def register() -> None:
    from clusters.models import ClosedDay, Contact, Membership, OpeningHours, Organisation, RuleSetAdoption

    for model in (Organisation, Contact, OpeningHours, Membership, RuleSetAdoption, ClosedDay):
        auditlog.register(model)
