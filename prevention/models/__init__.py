"""The prevention app's models, split by topic; import them from here."""

from prevention.models.offers import Offer
from prevention.models.referrals import Referral, ReferralEvent, Screening

__all__ = ["Offer", "Referral", "ReferralEvent", "Screening"]
