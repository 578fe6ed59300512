"""What people do with alerts (acknowledge, assign to me) is audited with before/after and the acting user.

The beat scan writes alerts in bulk SQL and is not a person's write, so it leaves no audit rows; neither do
the deadlines, which the services recompute from the areas' own audited records.
"""

from auditlog.registry import auditlog


def register() -> None:
    from sundhedsaftale.deadlines.models import Alert, CalendarConventions, ClosedDay, RuleSetAdoption

    auditlog.register(Alert, include_fields=["acknowledged_at", "acknowledged_by", "assigned_to"])
    # Closed days and rule-set adoptions move deadlines: the regional secretariat's edits are kept.
    auditlog.register(RuleSetAdoption)
    auditlog.register(ClosedDay)
    auditlog.register(CalendarConventions)
