"""The pixi edition: the whole rule catalogue as a pocket card, one A5 sheet (WeasyPrint), tagged for
screen readers. Each rule once, in the words a nurse uses, marked with the rule sets (2008, 2021) it is in."""

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from django.template.loader import render_to_string

from sundhedsaftale.deadlines.selectors import convention_settings, rule_catalogue_list
from sundhedsaftale.deadlines.wording import RuleRow, rule_rows
from sundhedsaftale.workdays import DEFAULT_CONVENTIONS, Conventions

# PDF/UA-1 makes WeasyPrint write a tagged PDF with the document language and title, so screen
# readers can read the pocket edition (WeasyPrint >= 61 supports the variant).
# The document language and title come from the template's <html lang="da"> and <title>.
PDF_VARIANT = "pdf/ua-1"


@dataclass
class CardRow:
    """One line of the pocket card: what must be done, when, by whom, and in which rule sets."""

    title: str
    when: str
    who: str
    rule_sets: list[str] = field(default_factory=list)


def card_rows(rows: list[RuleRow]) -> list[CardRow]:
    """Each rule once (by code), its deadline in words ("3 hverdage før · planlagt udskrivningsdato"), without
    the fine print after a semicolon; the rule sets that have it, oldest first."""
    card: dict[str, CardRow] = {}
    for row in rows:
        line = card.get(row.rule.code)
        if line is None:
            when = f"{row.offset.split(';')[0]} · {row.rule.anchor[0].lower()}{row.rule.anchor[1:]}"
            line = card[row.rule.code] = CardRow(row.rule.title, when, str(row.rule.actor.label))
        line.rule_sets.append(row.rule_set.code)
    return list(card.values())


# The edition changes only with the date printed on it and the region's calendar conventions (the catalogue
# is code), and rendering it costs about 0.7 s of CPU, so a public page must not render it for every request:
# one copy per day, conventions and host.
@lru_cache(maxsize=8)
def pixi_pdf_render(*, base_url: str, on: date, conventions: Conventions = DEFAULT_CONVENTIONS) -> bytes:
    """Return the pixi edition of every rule set as PDF bytes, dated ``on``, naming the conventions switched off."""
    from weasyprint import HTML

    switched_off = [setting.label for setting in convention_settings(conventions) if not setting.on]
    html = render_to_string(
        "deadlines/pixi.html",
        {
            "card": card_rows(rule_rows(rule_catalogue_list())),
            "printed_on": on,
            "switched_off": switched_off,
        },
    )
    document = HTML(string=html, base_url=base_url)
    pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
    assert pdf is not None
    return pdf
