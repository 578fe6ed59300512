"""The pixi edition: the whole rule catalogue as one small A4 PDF (WeasyPrint), tagged for screen readers."""

from datetime import date

from django.template.loader import render_to_string

from sundhedsaftale.deadlines.selectors import rule_catalogue_list
from sundhedsaftale.deadlines.wording import rule_rows

# PDF/UA-1 makes WeasyPrint write a tagged PDF with the document language and title, so screen
# readers can read the pocket edition (WeasyPrint >= 61 supports the variant).
PDF_VARIANT = "pdf/ua-1"


def pixi_pdf_render(*, base_url: str, on: date) -> bytes:
    """Return the pixi edition of every rule set as PDF bytes, dated ``on``."""
    from weasyprint import HTML

    html = render_to_string(
        "deadlines/pixi.html", {"rows": rule_rows(rule_catalogue_list()), "printed_on": on}
    )
    document = HTML(string=html, base_url=base_url)
    pdf = document.write_pdf(pdf_variant=PDF_VARIANT, lang="da", title="Frister – pixi-udgave")
    assert pdf is not None
    return pdf
