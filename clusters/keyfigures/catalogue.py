"""The key figures the steering groups follow, each with its definition in Danish and the clause it follows.

The numbers are sums of ``FigureCell`` values (see ``sources``): a *count* sums one figure (optionally split
into series), a *share* divides two sums, a *distribution* reads the median and the 90th percentile off a
histogram, a *per rule* figure is a share per deadline rule. Obligation figures cover every rule of the
catalogue, including psychiatry's and rehabilitation's, since they all run on the one deadline engine.
"""

from dataclasses import dataclass, field
from typing import Literal

Shape = Literal["count", "share", "distribution", "per_rule"]

_KEY_FIGURES = (
    "001, 5.4 Nøgletalsoversigt; aktivitets- og økonomioversigter 2 gange årligt (1. april og 1. oktober)"
)


@dataclass(frozen=True)
class KeyFigure:
    code: str
    title: str
    definition: str
    clause: str
    unit: str
    shape: Shape
    figure: str
    series: dict[str, str] = field(default_factory=dict)  # key -> label (count: its split; share: numerator)
    base_figure: str = ""  # share: the denominator's figure (all of its keys)


CATALOGUE: tuple[KeyFigure, ...] = (
    KeyFigure(
        code="admissions",
        title="Indlæggelser",
        definition=(
            "Indlæggelser i perioden efter indlæggelsestidspunktet, delt i planlagte og akutte (en åben "
            "indlæggelse tæller som akut). Annullerede forløb tæller ikke."
        ),
        clause="001, Aftale om indlæggelsesforløb; " + _KEY_FIGURES,
        unit="indlæggelser",
        shape="count",
        figure="admissions",
        series={"planned": "Planlagte", "acute": "Akutte"},
    ),
    KeyFigure(
        code="readmissions",
        title="Akutte genindlæggelser inden for 30 dage",
        definition=(
            "Akutte indlæggelser, hvor samme borger er udskrevet fra et hvilket som helst hospital inden for de "
            "foregående 30 dage; andelen er af periodens udskrivninger."
        ),
        clause="001, Genindlæggelser (opgørelse af antallet af genindlæggelser); 003, status for aftalen 2019–2023",
        unit="genindlæggelser",
        shape="share",
        figure="readmissions",
        base_figure="discharges",
    ),
    KeyFigure(
        code="finished_bed_days",
        title="Færdigbehandlede sengedage",
        definition=(
            "Dage efter færdigbehandlingsdagen til og med udskrivningsdagen (i dag for borgere, der stadig er "
            "indlagt), talt i den måned, dagen ligger i, for den kommune, der betaler. Med den plejetakst, de "
            "medfører, ved den indstillede sats pr. dag."
        ),
        clause="001, 1.5 Færdigbehandlede patienter (l. 7529–7563)",
        unit="dage",
        shape="count",
        figure="finished_bed_days",
    ),
    KeyFigure(
        code="obligations",
        title="Frister overholdt pr. regel",
        definition=(
            "Hver afgjort forpligtelse med frist i perioden (talt i den måned, fristen faldt): overholdt til "
            "tiden, eller overskredet (aldrig opfyldt eller opfyldt for sent — også en varsling, der aldrig blev "
            "sendt). En forpligtelse, der bortfaldt (borgeren døde eller blev overflyttet), tæller ikke."
        ),
        clause=(
            "001, Aftale om udskrivningsforløb (varsling, l. 1530–1543), informationssvar, genoptræning og "
            "psykiatri; frist-kataloget i DOMAIN.md"
        ),
        unit="forpligtelser",
        shape="per_rule",
        figure="obligations_met",
        base_figure="obligations_missed",
    ),
    KeyFigure(
        code="rehab_plans",
        title="Genoptræningsplaner sendt senest ved udskrivning",
        definition=(
            "Udskrivninger med en genoptræningsplan, hvor planen var sendt senest ved udskrivningen, ud af alle "
            "udskrivninger med en genoptræningsplan."
        ),
        clause="001, Aftale om træningsområdet (genoptræningsplanen udleveres ved udskrivningen)",
        unit="udskrivninger",
        shape="share",
        figure="rehab_plans",
        series={"by_discharge": "Sendt senest ved udskrivning"},
        base_figure="rehab_plans",
    ),
    KeyFigure(
        code="rehab_waiting",
        title="Ventetid på genoptræning",
        definition=(
            "Dage fra udskrivning til start af genoptræning for forløb, der startede i perioden: median og 90 %-"
            "fraktil (9 af 10 borgere ventede højst så længe)."
        ),
        clause="001, Aftale om træningsområdet; 003, status for aftalen 2019–2023 (ventetider på genoptræning)",
        unit="dage",
        shape="distribution",
        figure="rehab_waiting_days",
    ),
)

_STATUSES = {
    "sent": "Sendt",
    "received": "Modtaget",
    "contacted": "Borgeren kontaktet",
    "started": "Startet",
    "completed": "Gennemført",
    "declined": "Afvist eller fravalgt",
    "no_show": "Udeblevet",
}

CATALOGUE += (
    KeyFigure(
        code="preparation_time",
        title="Forberedelsestid givet kommunen",
        definition=(
            "For hver udskrivning med en udskrivningsplan: arbejdsdage fra den første varsling til udskrivningen "
            "efter kommunens kalender (0, når kommunen aldrig blev varslet): median og 90 %-fraktil."
        ),
        clause="Samarbejdsaftalen om udskrivning 2021: aftalt udskrivningstidspunkt og fælles forberedelsestid",
        unit="arbejdsdage",
        shape="distribution",
        figure="preparation_days",
    ),
    KeyFigure(
        code="aids_ready",
        title="Hjælpemidler på plads ved udskrivning",
        definition=(
            "Udskrivninger, hvor borgeren havde behov for et hjælpemiddel senest ved udskrivningen, og hvor alle "
            "var på plads (ingen advarsel om manglende hjælpemiddel), ud af alle sådanne udskrivninger."
        ),
        clause="001, Aftale om hjælpemiddelområdet (krav 1–5)",
        unit="udskrivninger",
        shape="share",
        figure="aids_at_discharge",
        series={"ready": "Alle hjælpemidler på plads"},
        base_figure="aids_at_discharge",
    ),
    KeyFigure(
        code="aids_delivery",
        title="Leveringstid for hjælpemidler",
        definition="Dage fra behovet blev registreret til hjælpemidlet var leveret: median og 90 %-fraktil.",
        clause="001, Aftale om hjælpemiddelområdet",
        unit="dage",
        shape="distribution",
        figure="aids_delivery_days",
    ),
    KeyFigure(
        code="prevention_referrals",
        title="Henvisninger til forebyggelsestilbud",
        definition="Henvisninger fra hospital og almen praksis sendt i perioden, fordelt på deres status nu.",
        clause="001, Aftale om sundhedsfremme og forebyggelse; 003, opfølgning på henvisninger",
        unit="henvisninger",
        shape="count",
        figure="prevention_referrals",
        series=_STATUSES,
    ),
    KeyFigure(
        code="smoking_referrals",
        title="Henvisninger til kommunalt rygestop",
        definition="Henvisninger til tilbud om rygning sendt i perioden, fordelt på deres status nu.",
        clause="003, Samarbejdsaftale om rygestop (henvisning til kommunalt rygestopkursus)",
        unit="henvisninger",
        shape="count",
        figure="smoking_referrals",
        series=_STATUSES,
    ),
)

BY_CODE = {figure.code: figure for figure in CATALOGUE}
