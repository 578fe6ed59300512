"""Every write to a citizen's master data and care relations is audited with before/after, CPR masked.

The masking of the audit trail is the same as in logs and lists: the birth date stays, the sequence part is
hidden (auditlog's default mask keeps the last half — the sequence part).
"""

from auditlog.registry import auditlog

CPR_MASK = "sundhedsaftale.citizens.cpr.cpr_mask"


def register() -> None:
    from sundhedsaftale.citizens import models

    auditlog.register(models.Citizen, mask_fields=["cpr"], mask_callable=CPR_MASK)
    if hasattr(models, "CareRelation"):
        auditlog.register(models.CareRelation)
