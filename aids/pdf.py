"""The loan slip (låneseddel, agreement 1.3): what is lent, on what terms, and whom to contact. A4, Danish,
tagged PDF/UA-1 (WeasyPrint), rendered on request: one page, a few hundred milliseconds."""

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML

from aids.models import Loan
from sundhedsaftale.organisations.models import Organisation


def slip_required(loan: Loan) -> bool:
    """A hospital's loan always has a slip; a municipality's only for larger aids (1.3)."""
    return loan.lender.kind != Organisation.Kind.MUNICIPALITY or loan.aid_type.is_large


def loan_slip_bytes(*, loan: Loan) -> bytes:
    """Return the loan slip of the loan as PDF."""
    need = loan.need
    html = render_to_string(
        "aids/pdf/slip.html",
        {"loan": loan, "need": need, "citizen": need.course.citizen, "required": slip_required(loan)},
    )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
