"""The versioned deadline-rule catalogue: the single source of truth for every deadline.

Pure Python (no Django). Each rule quotes the clause it comes from (``source_text``, verbatim
from the agreement file with its line breaks collapsed). Warning lead times, chosen so staff
get a working day to act and never a warning after the deadline:

* date deadlines (working days, calendar days, at discharge, agreed date): 08:00 local on the
  working day before the due date;
* ``psychiatry.municipality_informed`` (a one-working-day deadline): 08:00 on the due date;
* ``discharge.same_day``: 12:00 on the day, the opening of the clause's 12:00-13:00 window;
* ``admission.info_reply`` (24 hours): 4 hours before, elapsed time;
* month deadlines: 08:00 on the working day on or before one month ahead of the due date.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, time
from types import MappingProxyType

from sundhedsaftale.rules import Actor, OffsetKind, Rule, RuleSet, WarnKind

SOURCE_2008 = "001_cd77a9b5d0904ae8.txt"
SOURCE_2021 = "000_0bfebc4ee134d4c5.txt"

_DISCHARGE = "Aftale om udskrivningsforløb \u2013 herunder svage ældre"
_ADMISSION = "Aftale om indlæggelses- og udskrivningsforløb, 1. Aftale om indlæggelsesforløb"
_REHAB = "Aftale om træningsområdet"
_PSYCHIATRY = "Aftale om indsatsen for mennesker med sindslidelser, 2.1.2 Procedurer"
_CHILD_PSYCHIATRY = "Generel supplerende aftale vedr. Børne- ungepsykiatrien"
_PLANNED_DISCHARGE = "Planlagt udskrivningsdato"
_PLANNED_DISCHARGE_EN = "Planned discharge date"

_RULES_2008: tuple[Rule, ...] = (
    Rule(
        code="discharge.same_day",
        title="Varsling samme dag ved enkle sygeplejehandlinger",
        title_en="Same-day notice for simple nursing",
        anchor="Dag for sygeplejeydelsen (normalt udskrivningsdagen)",
        anchor_en="Day of the nursing service (usually the discharge day)",
        kind=OffsetKind.CLOCK_SAME_DAY,
        amount=0,
        clock=time(13, 0),
        # The clause gives a window "mellem kl. 12.00-13.00": warn when it opens.
        warn_amount=0,
        warn_clock=time(12, 0),
        actor=Actor.HOSPITAL,
        source_file=SOURCE_2008,
        source_section=f"{_DISCHARGE}, 1.2.1 Ved udskrivning af patient med uændret funktionsevne",
        source_text=(
            "Varsling senest mellem kl. 12.00 \u2013 13.00 samme dag, som sygeplejeydelsen skal udføres."
        ),
    ),
    Rule(
        code="discharge.home_care",
        title="Varsling ved behov for hjemmepleje og omfattende sygepleje",
        title_en="Notice of need for home care and extensive nursing",
        anchor=_PLANNED_DISCHARGE,
        anchor_en=_PLANNED_DISCHARGE_EN,
        kind=OffsetKind.WORKING_DAYS,
        amount=-3,
        actor=Actor.HOSPITAL,
        source_file=SOURCE_2008,
        source_section=f"{_DISCHARGE}, 1.2.2 Ved udskrivning af patient med nedsat funktionsevne",
        source_text="Varsling senest 3 hverdage før udskrivning.",
    ),
    Rule(
        code="discharge.special_aids",
        title="Varsling ved behov for særlige hjælpemidler",
        title_en="Notice of need for special aids",
        anchor=_PLANNED_DISCHARGE,
        anchor_en=_PLANNED_DISCHARGE_EN,
        kind=OffsetKind.WORKING_DAYS,
        amount=-5,
        actor=Actor.HOSPITAL,
        source_file=SOURCE_2008,
        source_section=(
            f"{_DISCHARGE}, 1.2.3 Ved udskrivning af patient med nedsat funktionsevne og behov for "
            "særlige hjælpemidler, der kræver forberedelsestid"
        ),
        source_text="Varsling senest 5 hverdage før udskrivning.",
    ),
    Rule(
        code="discharge.housing",
        title="Varsling ved behov for omfattende boligændringer",
        title_en="Notice of need for extensive housing modifications",
        anchor=_PLANNED_DISCHARGE,
        anchor_en=_PLANNED_DISCHARGE_EN,
        kind=OffsetKind.CALENDAR_DAYS,
        amount=-14,
        # "14 dage", not working days (l. 1543): the day is not moved off a closed day.
        moves=False,
        actor=Actor.HOSPITAL,
        source_file=SOURCE_2008,
        source_section=(
            f"{_DISCHARGE}, 1.2.4 Ved udskrivning af patienter med nedsat funktionsevne og behov for "
            "omfattende boligændringer"
        ),
        source_text="Varsling senest 14 dage før udskrivning.",
    ),
    Rule(
        code="admission.info_reply",
        title="Svar på anmodning om yderligere oplysninger",
        title_en="Reply to a request for further information",
        anchor="Anmodning om oplysninger sendt",
        anchor_en="Information request sent",
        kind=OffsetKind.HOURS,
        amount=24,
        warn_kind=WarnKind.HOURS_BEFORE,
        warn_amount=4,
        warn_clock=None,
        actor=Actor.GP_OR_HOME_CARE,
        source_file=SOURCE_2008,
        source_section=f"{_ADMISSION}, 1.2.3.1 Ved planlagte indlæggelser (hospitalets opgaver)",
        source_text=(
            "Ved behov for yderligere information fra praktiserende læge og/eller hjemmepleje "
            "kontaktes disse. Tidsfrist for tilbagemelding: inden 24 timer."
        ),
    ),
    Rule(
        code="rehab.plan_by_discharge",
        title="Genoptræningsplan udleveret senest ved udskrivning",
        title_en="Rehabilitation plan handed over by discharge",
        anchor="Udskrivning",
        anchor_en="Discharge",
        kind=OffsetKind.AT_ANCHOR,
        amount=0,
        actor=Actor.HOSPITAL,
        source_file=SOURCE_2008,
        source_section=f"{_REHAB}, 2.1 Genoptræningsplan",
        source_text="Borgeren skal senest ved udskrivning have udleveret genoptræningsplanen.",
    ),
    Rule(
        code="rehab.first_contact",
        title="Første kontakt til borgeren efter modtaget genoptræningsplan",
        title_en="First contact with the citizen after the rehabilitation plan is received",
        # Electronic delivery is receipt (l. 2381), under "efter udskrivning" (l. 2367); no click starts it.
        anchor="Genoptræningsplan leveret til modtageren (elektronisk = modtaget), tidligst ved udskrivning",
        anchor_en="Plan delivered to the receiver (electronic = received), at the earliest at discharge",
        kind=OffsetKind.WORKING_DAYS,
        amount=3,
        actor=Actor.MUNICIPALITY_OR_HOSPITAL,
        source_file=SOURCE_2008,
        source_section=f"{_REHAB}, 2.1.4 Tidsfrist for første kontakt til borgeren efter udskrivning",
        source_text=(
            "Borgeren skal kontaktes senest 3 hverdage efter, at borgeren og kommunen/hospitalet har "
            "modtaget genoptræningsplanen."
        ),
    ),
    Rule(
        code="rehab.capacity_notice",
        title="Varsling af ændret genoptræningskapacitet",
        title_en="Notice of a change in rehabilitation capacity",
        anchor="Kapacitetsændringen træder i kraft",
        anchor_en="Capacity change takes effect",
        kind=OffsetKind.MONTHS,
        amount=-6,
        warn_kind=WarnKind.MONTHS_BEFORE,
        warn_amount=1,
        actor=Actor.REGION_OR_MUNICIPALITY,
        source_file=SOURCE_2008,
        source_section=f"{_REHAB}, 4.1 Løbende sikring af kapaciteten",
        source_text="Varslingsfristen er som udgangspunkt 6 måneder.",
    ),
    Rule(
        code="psychiatry.municipality_informed",
        title="Kommunale kontaktpersoner orienteret om indlæggelsen",
        title_en="Municipal contact persons informed of the admission",
        anchor="Indlæggelse",
        anchor_en="Admission",
        # "senest den førstkommende hverdag": end of the first working day after the admission day.
        kind=OffsetKind.WORKING_DAYS,
        amount=1,
        # A one-day deadline: warn in the morning of the due day, never before the admission.
        warn_amount=0,
        actor=Actor.HOSPITAL,
        source_file=SOURCE_2008,
        source_section=f"{_PSYCHIATRY}, Indlæggelse",
        source_text=(
            "Straks efter en indlæggelse (senest den førstkommende hverdag) aftaler hospitalspersonalet "
            "med patienten, at kommunale kontaktpersoner/kommunen orienteres om indlæggelsen."
        ),
    ),
    Rule(
        code="psychiatry.treatment_plan",
        title="Behandlingsplan udarbejdet",
        title_en="Treatment plan written",
        anchor="Indlæggelse",
        anchor_en="Admission",
        kind=OffsetKind.CALENDAR_DAYS,
        amount=7,
        # Psykiatriloven fixes the week: seven calendar days, not moved to a working day.
        moves=False,
        actor=Actor.HOSPITAL,
        source_file=SOURCE_2008,
        source_section=f"{_PSYCHIATRY}, Behandlingsplan",
        source_text=(
            "Den psykiatriske afdeling udarbejder en behandlingsplan senest en uge efter patientens "
            "indlæggelse"
        ),
    ),
    Rule(
        code="psychiatry.gp_letter",
        title="Praktiserende læge orienteret skriftligt om udskrivning",
        title_en="GP informed in writing of the discharge",
        anchor="Udskrivning",
        anchor_en="Discharge",
        kind=OffsetKind.CALENDAR_DAYS,
        amount=7,
        actor=Actor.HOSPITAL,
        source_file=SOURCE_2008,
        source_section=f"{_PSYCHIATRY}, Udskrivning",
        source_text=(
            "Patientens praktiserende læge orienteres skriftligt om udskrivning fra hospital eller "
            "afslutning af et behandlingsforløb i distriktspsykiatrien ved udsendelse af brev, om muligt "
            "med edifact senest efter 7 dage."
        ),
    ),
    Rule(
        code="child_psychiatry.end_notice",
        title="Kommunen orienteret om afslutning af ambulant behandling",
        title_en="Municipality informed of the end of outpatient treatment",
        anchor="Forventet afslutning af ambulant behandlingsforløb",
        anchor_en="Expected end of the outpatient course",
        kind=OffsetKind.CALENDAR_DAYS,
        amount=-14,
        actor=Actor.HOSPITAL,
        source_file=SOURCE_2008,
        source_section=(
            f"{_CHILD_PSYCHIATRY}, 1.4.1 Varsling af udskrivningstidspunkt / "
            "afslutning af ambulant behandling"
        ),
        source_text=(
            "Ved planlagte ambulante behandlingsforløb orienteres kommunen senest 14 dage inden forventet "
            "afslutningstidspunkt, om den forestående behandlingsafslutning."
        ),
    ),
    Rule(
        code="child_psychiatry.waitlist_contact",
        title="Ambulant kontakt tilbudt ved ventetid over 3 måneder",
        title_en="Outpatient contact offered after 3 months on the waiting list",
        anchor="Henvisning",
        anchor_en="Referral",
        kind=OffsetKind.MONTHS,
        amount=3,
        warn_kind=WarnKind.MONTHS_BEFORE,
        warn_amount=1,
        actor=Actor.HOSPITAL,
        source_file=SOURCE_2008,
        source_section=f"{_CHILD_PSYCHIATRY}, 1.2 Forhold inden undersøgelse eller indlæggelse",
        source_text=(
            "hvor behandlingsforløbet ikke umiddelbart igangsættes inden 3 måneder efter "
            "henvisningstidspunktet, tilbydes patienten / familien en ambulant kontakt med en faglig "
            "medarbejder."
        ),
    ),
    Rule(
        code="psychiatry.gp_informed",
        title="Praktiserende læge orienteret om indlæggelsen",
        title_en="GP informed of the admission",
        anchor="Indlæggelse",
        anchor_en="Admission",
        # "Den praktiserende læge orienteres tilsvarende": the same first working day, its own obligation.
        kind=OffsetKind.WORKING_DAYS,
        amount=1,
        warn_amount=0,
        actor=Actor.HOSPITAL,
        source_file=SOURCE_2008,
        source_section=f"{_PSYCHIATRY}, Indlæggelse",
        source_text="Den praktiserende læge orienteres tilsvarende om indlæggelsen.",
    ),
    Rule(
        code="psychiatry.action_plan_follow_up",
        title="Kommunal handleplan fulgt op",
        title_en="Municipal social action plan followed up",
        anchor="Handleplan udarbejdet eller senest fulgt op",
        anchor_en="Action plan written or last followed up",
        kind=OffsetKind.MONTHS,
        amount=12,
        warn_kind=WarnKind.MONTHS_BEFORE,
        warn_amount=1,
        actor=Actor.MUNICIPALITY,
        source_file=SOURCE_2008,
        source_section=f"{_PSYCHIATRY}, Kommunal handleplan",
        source_text="Kommunen skal minimum én gang årligt følge op på planen.",
    ),
)

# The 2021 agreement drops the fixed preparation days ("faste tidsfrister fjernes, hvorved fokus flyttes fra et
# fast antal forberedelsesdage til funktionsevnen"): no notice deadline is invented. The hospital informs the
# municipality of the expected discharge time and the need as early as possible, the municipality answers with
# the preparation it needs, both agree a discharge time. What is judged is that agreement: a discharge earlier
# than agreed is the hospital's miss. The 2008 notice rules stay beside it as guidance (anbefalet
# forberedelsestid): they warn, they never breach.
NOTICE_RULES_2008 = (
    "discharge.same_day",
    "discharge.home_care",
    "discharge.special_aids",
    "discharge.housing",
)
AGREED_DISCHARGE = "discharge.agreed_time"

_AGREED_TIME_2021 = Rule(
    code=AGREED_DISCHARGE,
    title="Udskrivning ikke før det aftalte tidspunkt",
    title_en="Discharge not before the agreed time",
    anchor="Aftalt udskrivningstidspunkt",
    anchor_en="Agreed discharge time",
    kind=OffsetKind.AGREED_DATE,
    amount=0,
    actor=Actor.HOSPITAL,
    source_file=SOURCE_2021,
    source_section=(
        "Samarbejdsaftale om den gode indlæggelse og udskrivelse, princip 6: Fælles forberedelsestid"
    ),
    source_text=(
        "Fælles forberedelsestid: Forberedelse er afgørende, da kommunen og hospitalet både sammen og "
        "hver især har behov for at kunne forberede indlæggelses- og udskrivelsesforløb."
    ),
)


def _rules(rules: Iterable[Rule]) -> Mapping[str, Rule]:
    return MappingProxyType({rule.code: rule for rule in rules})


RULE_SET_2008 = RuleSet(
    code="2008",
    title="Generel sundhedsaftale for Region Midtjylland (2008)",
    effective_from=date(2008, 1, 1),
    # Open-ended: clusters that have not adopted a later set keep working by this one.
    effective_to=None,
    source_file=SOURCE_2008,
    summary=(
        "Faste varslingsfrister ved udskrivning (samme dag kl. 13, 3 og 5 hverdage, 14 dage), svar inden "
        "24 timer, genoptræningsplan senest ved udskrivning, første kontakt inden 3 hverdage, "
        "kapacitetsvarsel 6 måneder og fristerne i psykiatrien og børne- og ungdomspsykiatrien."
    ),
    rules=_rules(_RULES_2008),
)

RULE_SET_2021 = RuleSet(
    code="2021",
    title="Samarbejdsaftale om den gode indlæggelse og udskrivelse (2021)",
    effective_from=date(2021, 6, 1),
    effective_to=None,
    source_file=SOURCE_2021,
    summary=(
        "De faste varslingsfrister ved udskrivning fjernes: hospitalet oplyser tidligst muligt forventet "
        "udskrivningstidspunkt og behov, kommunen svarer med den forberedelse, den har brug for, og parterne "
        "aftaler udskrivningstidspunktet. Udskrivning før det aftalte er hospitalets afvigelse. 2008-fristerne "
        "vises som anbefalet forberedelsestid (advarer, overskrides ikke). Øvrige frister videreføres uændret."
    ),
    rules=_rules((*(rule for rule in _RULES_2008 if rule.code not in NOTICE_RULES_2008), _AGREED_TIME_2021)),
    guidance=_rules(rule for rule in _RULES_2008 if rule.code in NOTICE_RULES_2008),
)

CATALOGUE: tuple[RuleSet, ...] = (RULE_SET_2008, RULE_SET_2021)


def rule_set(code: str) -> RuleSet:
    """Return the rule set with ``code`` ("2008", "2021"); raises KeyError if there is none."""
    for candidate in CATALOGUE:
        if candidate.code == code:
            return candidate
    raise KeyError(code)


BASE_RULE_SET = "2008"


def rule_set_in_force(on: date, adopted: Mapping[str, date] | None = None) -> RuleSet:
    """Return the rule set a cluster works by on ``on``: the one rule every caller uses.

    ``adopted`` maps a rule-set code to the day the cluster adopted it (reference data,
    ``RuleSetAdoption``). Of the sets adopted on or before ``on`` and in force then, the one adopted last
    applies (so a cluster can go back to the 2008 set by adopting it again later); a cluster that adopted
    nothing yet, or before its adopted sets start, works by the base 2008 set. An adoption day before a
    set's ``effective_from`` counts from ``effective_from``. Raises KeyError for an unknown code in
    ``adopted`` and LookupError when no set is in force on ``on``.
    """
    adopted = adopted or {}
    for code in adopted:
        rule_set(code)
    base = rule_set(BASE_RULE_SET)
    started = [(base.effective_from, base)] if base.in_force_on(on) else []
    started += [
        (max(day, candidate.effective_from), candidate)
        for code, day in adopted.items()
        if (candidate := rule_set(code)).in_force_on(on, day)
    ]
    if not started:
        raise LookupError(f"no rule set is in force on {on.isoformat()}")
    return max(started, key=lambda pair: (pair[0], pair[1].effective_from))[1]


def all_rules() -> list[Rule]:
    """Return one rule per code: the 2008 set's rules, then codes that only later sets define (guidance
    rules are the 2008 rules themselves)."""
    seen: dict[str, Rule] = {}
    for candidate in CATALOGUE:
        for code, rule in candidate.rules.items():
            seen.setdefault(code, rule)
    return list(seen.values())
