"""Who delivers and who pays for an aid need: the split of responsibility of the aids agreement (001, "Aftale
om hjælpemiddelområdet", Krav 1: 1.1 the hospitals, 1.2 the municipalities, 1.4 hospices) and the facts
that change it (treated at another region's or a private hospital, not known at the hospital).

Pure Python (no Django): the situation codes are the API's stable vocabulary; each answer carries its reason
with the clause quoted verbatim (line breaks collapsed), shown to the user as "Hospitalet leverer, fordi …".
"""

from dataclasses import dataclass
from enum import StrEnum

SOURCE = "001_cd77a9b5d0904ae8.txt, Aftale om hjælpemiddelområdet"


class Situation(StrEnum):
    IMPLANTED = "implanted"
    HOSPITAL_TREATMENT = "hospital_treatment"
    APPARATUS_AT_HOME = "apparatus_at_home"
    AWAITING_TREATMENT = "awaiting_treatment"
    TRAINING_IN_HOSPITAL = "training_in_hospital"
    SPECIALISED_REHAB = "specialised_rehab"
    GENERAL_REHAB = "general_rehab"
    LASTING_REDUCED_FUNCTION = "lasting_reduced_function"
    HOME_NURSING = "home_nursing"
    STAFF_WORK_ENVIRONMENT = "staff_work_environment"
    HOSPICE_AID = "hospice_aid"
    HOSPICE_TREATMENT_TOOL = "hospice_treatment_tool"


class Party(StrEnum):
    HOSPITAL = "hospital"
    MUNICIPALITY = "municipality"
    PRIVATE_HOSPITAL = "private_hospital"
    REGION = "region"
    NONE = "none"


class TreatedAt(StrEnum):
    OWN_REGION = ""
    OTHER_REGION = "other_region"
    PRIVATE = "private"


SITUATION_LABELS: dict[Situation, str] = {
    Situation.IMPLANTED: "Indopereret som led i behandling på hospital",
    Situation.HOSPITAL_TREATMENT: "Ordineret som led i (fortsat) hospitalsbehandling, under hospitalets kontrol",
    Situation.APPARATUS_AT_HOME: "Apparatur til brug i hjemmet efter oplæring på hospitalet",
    Situation.AWAITING_TREATMENT: "Behov, mens patienten venter på hospitalsbehandling",
    Situation.TRAINING_IN_HOSPITAL: "Træning under indlæggelse",
    Situation.SPECIALISED_REHAB: "Specialiseret ambulant genoptræning efter udskrivning",
    Situation.GENERAL_REHAB: "Almen genoptræning efter udskrivning",
    Situation.LASTING_REDUCED_FUNCTION: "Varigt nedsat funktionsevne i hjemmet",
    Situation.HOME_NURSING: "Plejehjælpemidler og sygeplejeartikler til hjemmesygepleje",
    Situation.STAFF_WORK_ENVIRONMENT: "Arbejdsmiljø for kommunens personale (APV)",
    Situation.HOSPICE_AID: "Hospice uden hjælpemidlet: hjælpemiddel",
    Situation.HOSPICE_TREATMENT_TOOL: "Hospice uden redskabet: behandlingsredskab",
}

PARTY_LABELS: dict[Party, str] = {
    Party.HOSPITAL: "Hospitalet",
    Party.MUNICIPALITY: "Kommunen",
    Party.PRIVATE_HOSPITAL: "Privathospitalet",
    Party.REGION: "Regionen",
    Party.NONE: "Ingen",
}


@dataclass(frozen=True)
class Clause:
    delivers: Party
    pays: Party
    section: str
    text: str


_HOSPITAL = "1.1 Hospitalernes ansvarsområder"
_MUNICIPALITY = "1.2 Kommunernes ansvarsområder"
_HOSPICE = "1.4 Terminalpatienter"

CLAUSES: dict[Situation, Clause] = {
    Situation.IMPLANTED: Clause(
        Party.HOSPITAL,
        Party.HOSPITAL,
        _HOSPITAL,
        "Hjælpemidler og apparatur, som indopereres som led i behandlingen på hospital",
    ),
    Situation.HOSPITAL_TREATMENT: Clause(
        Party.HOSPITAL,
        Party.HOSPITAL,
        _HOSPITAL,
        "Hjælpemidler og apparatur, som ordineres som led i behandling på hospital eller som en fortsættelse "
        "af den iværksatte behandling, og hvor patientens anvendelse af hjælpemidlet/apparaturet typisk er "
        "under kontrol af hospitalet indtil tilstanden er stationær",
    ),
    Situation.APPARATUS_AT_HOME: Clause(
        Party.HOSPITAL,
        Party.HOSPITAL,
        _HOSPITAL,
        "Apparatur, som ordineres som led i behandling på hospital eller som en fortsættelse af den "
        "iværksatte behandling for at forbedre det opnåede resultat eller forhindre en forringelse, og som "
        "anskaffes til midlertidigt eller permanent brug i hjemmet, og hvor: A) patienten har fået "
        "undervisning i brug af apparaturet på hospital B) hvor patientens anvendelse af apparaturet er under "
        "en vis kontrol af hospital",
    ),
    Situation.AWAITING_TREATMENT: Clause(
        Party.HOSPITAL,
        Party.HOSPITAL,
        _HOSPITAL,
        "Hjælpemidler og apparatur, som patienten efter hospitalets vurdering har behov for, imens patienten "
        "venter på hospitalsbehandling",
    ),
    Situation.TRAINING_IN_HOSPITAL: Clause(
        Party.HOSPITAL,
        Party.HOSPITAL,
        _HOSPITAL,
        "Behandlingsredskaber og hjælpemidler i forbindelse med træning af en patient under indlæggelse på "
        "hospital",
    ),
    Situation.SPECIALISED_REHAB: Clause(
        Party.HOSPITAL,
        Party.MUNICIPALITY,
        _HOSPITAL,
        "Hjælpemidler, der ordineres patienten som led i genoptræningen efter udskrivning fra hospital og som "
        "har et lægefagligt begrundet behov for specialiseret, ambulant genoptræning, der forudsætter et "
        "hospitals ekspertise og tilbydes på et hospital. Hospitalerne har leveringsforpligtelsen vedr. "
        "hjælpemidler, mens kommunerne har finansieringsforpligtigelsen.",
    ),
    Situation.GENERAL_REHAB: Clause(
        Party.MUNICIPALITY,
        Party.MUNICIPALITY,
        _MUNICIPALITY,
        "I de tilfælde, hvor en person efter udskrivning fra sygehus har et lægefagligt begrundet behov for "
        "genoptræning, som ikke kræver sygehus´ekspertise, skal kommunen afholde udgifterne hertil og herunder "
        "udgifterne til de hjælpemidler, der ordineres patienten som led i genoptræningen. Det er ligeledes "
        "kommunens opgave at tilvejebringe hjælpemidlerne.",
    ),
    Situation.LASTING_REDUCED_FUNCTION: Clause(
        Party.MUNICIPALITY,
        Party.MUNICIPALITY,
        _MUNICIPALITY,
        "Hjælpemidler, som i væsentlig grad kan afhjælpe følger af en varig nedsat funktionsevne og som i "
        "væsentlig grad kan lette den daglige tilværelse i hjemmet",
    ),
    Situation.HOME_NURSING: Clause(
        Party.MUNICIPALITY,
        Party.MUNICIPALITY,
        _MUNICIPALITY,
        "Plejehjælpemidler og sygeplejeartikler, der er nødvendige til opstart og gennemførelse af "
        "hjemmesygepleje",
    ),
    Situation.STAFF_WORK_ENVIRONMENT: Clause(
        Party.MUNICIPALITY,
        Party.MUNICIPALITY,
        _MUNICIPALITY,
        "Hjælpemidler, som er nødvendige, for at sikre et godt arbejdsmiljø for kommunens personale "
        "(APV-hjælpemidler)",
    ),
    Situation.HOSPICE_AID: Clause(
        Party.MUNICIPALITY,
        Party.MUNICIPALITY,
        _HOSPICE,
        "I tilfælde hvor et hospice ikke har redskaberne, bevilger kommunen hjælpemidler, mens regionen "
        "udlåner behandlingsredskaber.",
    ),
    Situation.HOSPICE_TREATMENT_TOOL: Clause(
        Party.HOSPITAL,
        Party.REGION,
        _HOSPICE,
        "I tilfælde hvor et hospice ikke har redskaberne, bevilger kommunen hjælpemidler, mens regionen "
        "udlåner behandlingsredskaber.",
    ),
}

OTHER_REGION_TEXT = (
    "Behandles patienten på andre regioners hospitaler, sker udlånene fra borgerens lokale hospital."
)
PRIVATE_TEXT = (
    "Genanvendelige behandlingsredskaber og hjælpemidler udlånes af det private hospital. Hvis der er behov for "
    "større og mere specialiserede hjælpemidler udlånes disse også af privathospitalet med mindre, der er "
    "indgået en speciel aftale med patientens regionshospital herom."
)
NOT_KNOWN_TEXT = (
    "Hospitalet udlåner som udgangspunkt ikke hjælpemidler til borgere, der ikke er kendt i hospitalsregi. "
    "Praktiserende lægers, skadestuers og lægevagtens eventuelle muligheder for at udlåne behandlingsredskaber "
    "eller hjælpermidler aftales lokalt."
)


class UnknownSituation(ValueError):
    """The situation is not one of ``Situation``'s codes."""


@dataclass(frozen=True)
class Decision:
    """The answer: who delivers, who pays, and why (the clause quoted), in Danish for the user."""

    situation: Situation
    delivers: Party
    pays: Party
    section: str
    quote: str
    #: for a hospital delivery: "treating" (the treating hospital) or "local" (the citizen's local hospital)
    hospital: str = ""

    @property
    def pays_label(self) -> str:
        return PARTY_LABELS[self.pays]

    @property
    def reason(self) -> str:
        who = PARTY_LABELS[self.delivers]
        verb = "leverer" if self.delivers != Party.NONE else "leverer ikke"
        if self.delivers == Party.NONE:
            who = "Hospitalet"
        return f"{who} {verb}, fordi aftalen ({self.section}) siger: »{self.quote}«"

    def as_dict(self) -> dict[str, str]:
        return {
            "situation": self.situation.value,
            "delivers": self.delivers.value,
            "pays": self.pays.value,
            "reason": self.reason,
            "section": self.section,
            "hospital": self.hospital,
        }


def situation_parse(code: str) -> Situation:
    """Return the situation of a code; raise ``UnknownSituation`` naming the valid codes."""
    try:
        return Situation(code)
    except ValueError:
        valid = ", ".join(s.value for s in Situation)
        raise UnknownSituation(f"Ukendt situation {code[:40]!r}; gyldige: {valid}") from None


def decide(
    situation: Situation | str,
    *,
    treated_at: TreatedAt | str = TreatedAt.OWN_REGION,
    known_at_hospital: bool = True,
    private_special_agreement: bool = False,
) -> Decision:
    """Return who delivers and pays for an aid need in ``situation``.

    The facts change only a hospital's delivery: another region's patient borrows from the citizen's local
    hospital (1.1); a private hospital's patient from the private hospital, unless a special agreement with
    the regional hospital says otherwise (1.1); a citizen unknown at the hospital is, as a rule, lent nothing
    by the hospital (1.1).
    """
    situation = situation if isinstance(situation, Situation) else situation_parse(situation)
    treated_at = TreatedAt(treated_at)
    clause = CLAUSES[situation]
    base = Decision(situation, clause.delivers, clause.pays, clause.section, clause.text)
    if clause.delivers != Party.HOSPITAL:
        return base
    if not known_at_hospital:
        return Decision(situation, Party.NONE, Party.NONE, _HOSPITAL, NOT_KNOWN_TEXT)
    if treated_at == TreatedAt.OTHER_REGION:
        return Decision(
            situation, Party.HOSPITAL, clause.pays, _HOSPITAL, OTHER_REGION_TEXT, hospital="local"
        )
    if treated_at == TreatedAt.PRIVATE:
        if private_special_agreement:
            return Decision(situation, Party.HOSPITAL, clause.pays, _HOSPITAL, PRIVATE_TEXT, hospital="local")
        pays = Party.MUNICIPALITY if clause.pays == Party.MUNICIPALITY else Party.REGION
        return Decision(situation, Party.PRIVATE_HOSPITAL, pays, _HOSPITAL, PRIVATE_TEXT)
    return Decision(situation, base.delivers, base.pays, base.section, base.quote, hospital="treating")
