"""Write use-cases of prevention: the offer catalogue, screenings and referrals, CSV import of offers."""

from prevention.services.offer_csv import OfferImportError, RowError, offers_export_csv, offers_import_csv
from prevention.services.offers import OFFER_FIELDS, offer_create, offer_errors, offer_update
from prevention.services.referrals import referral_create, referral_status_set, screening_record

__all__ = [
    "OFFER_FIELDS",
    "OfferImportError",
    "RowError",
    "offer_create",
    "offer_errors",
    "offer_update",
    "offers_export_csv",
    "offers_import_csv",
    "referral_create",
    "referral_status_set",
    "screening_record",
]
