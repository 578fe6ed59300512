"""Every write to prevention records is audited with before/after (django-auditlog)."""

from auditlog.registry import auditlog


def register() -> None:
    from prevention.models import Offer, Referral, ReferralEvent, Screening

    for model in (Offer, Screening, Referral, ReferralEvent):
        auditlog.register(model)
