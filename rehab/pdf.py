"""The printed plan: annex 3.2 with the information letter of its type and, for specialised rehab, the
appointment letter. A4, Danish, tagged PDF/UA-1 (WeasyPrint)."""

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML

from rehab.models import PlanType, PlanVersion
from sundhedsaftale.organisations.models import Contact, Organisation

# Which annexes go with which plan type (agreement Krav 3): 3.6 general, 3.7 + 3.8 specialised,
# 3.9 self-training with a plan (3.10 is for self-training *without* a plan, so never printed with one).
LETTERS: dict[str, list[str]] = {
    PlanType.GENERAL: ["rehab/pdf/letter_3_6.html"],
    PlanType.SPECIALISED: ["rehab/pdf/letter_3_7.html", "rehab/pdf/letter_3_8.html"],
    PlanType.SELF_TRAINING: ["rehab/pdf/letter_3_9.html"],
}


def plan_pdf_context(*, version: PlanVersion) -> dict:
    plan = version.plan
    course = plan.course
    return {
        "version": version,
        "plan": plan,
        "course": course,
        "citizen": course.citizen,
        "letters": LETTERS.get(version.plan_type, []),
    }


def plan_pdf_bytes(*, version: PlanVersion) -> bytes:
    """Return the PDF of the plan version with its letters."""
    html = render_to_string("rehab/pdf/plan.html", plan_pdf_context(version=version))
    document = HTML(string=html, base_url=str(settings.BASE_DIR))
    return document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)


def letter_3_10_path(*, department: Organisation) -> str:
    """Where the department's letter 3.10 is cached in the default storage."""
    return f"rehab/letters/bilag-3-10-{department.code}.pdf"


def letter_3_10_bytes(*, department: Organisation) -> bytes:
    """Return annex 3.10 (self-training without a plan) with the department's contact data; no citizen data."""
    hospital = department.hospital or department
    contacts = Contact.objects.filter(
        organisation__in=[department, hospital], purpose=Contact.Purpose.THERAPY
    )
    html = render_to_string(
        "rehab/pdf/letter_3_10.html", {"department": department, "hospital": hospital, "contacts": contacts}
    )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
