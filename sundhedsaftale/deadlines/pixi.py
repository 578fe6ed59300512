"""The pixi edition: the whole rule catalogue as one small A4 PDF (WeasyPrint), tagged for screen readers."""

from datetime import date
from functools import lru_cache

from django.template.loader import render_to_string

from sundhedsaftale.deadlines.selectors import rule_catalogue_list
from sundhedsaftale.deadlines.wording import rule_rows

# PDF/UA-1 makes WeasyPrint write a tagged PDF with the document language and title, so screen
# readers can read the pocket edition (WeasyPrint >= 61 supports the variant).
# The document language and title come from the template's <html lang="da"> and <title>.
PDF_VARIANT = "pdf/ua-1"


# The edition changes only with the date printed on it (the catalogue is code), and rendering it costs
# about 0.7 s of CPU, so a public page must not render it for every request: one copy per day and host.
@lru_cache(maxsize=8)
def pixi_pdf_render(*, base_url: str, on: date) -> bytes:
    """Return the pixi edition of every rule set as PDF bytes, dated ``on``."""
    from weasyprint import HTML

    html = render_to_string(
        "deadlines/pixi.html", {"rows": rule_rows(rule_catalogue_list()), "printed_on": on}
    )
    document = HTML(string=html, base_url=base_url)
    pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
    assert pdf is not None
    return pdf
