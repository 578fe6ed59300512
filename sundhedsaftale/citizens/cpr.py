"""CPR numbers: the ordinary ten digits and the health sector's replacement CPR (erstatnings-CPR)."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.dk import cpr as stdnum_cpr
from stdnum.exceptions import InvalidComponent, InvalidFormat, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError

from sundhedsaftale.workdays import local_date

# Replacement CPR: the birth date DDMMYY, a digit, two letters and a digit, e.g. 010190-1AB2. ``[0-9]``, not
# ``\d``: Python's ``\d``, ``str.isdigit()`` and ``int()`` also take full-width, Arabic-Indic and other digits.
REPLACEMENT_CPR = re.compile(r"^([0-9]{6})([0-9][A-Z]{2}[0-9])$")
# Separators a pasted CPR may carry: spaces, the hyphen and its Unicode look-alikes, invisible spaces.
SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212\ufe63\uff0d\u200b-\u200d\u2060\ufeff]")
# What the database accepts (the check constraint on ``Citizen.cpr``): an ordinary or a replacement CPR.
CPR_PATTERN = r"^[0-9]{6}([0-9]{4}|[0-9][A-Z]{2}[0-9])$"
# No one alive was born before this; an earlier date in a CPR or a date field is a typing error.
EARLIEST_PLAUSIBLE = date(1870, 1, 1)


def cpr_compact(value: str) -> str:
    """Return the CPR without separators and spaces (also pasted dashes and invisible spaces), letters upper-cased.

    Digits are left as they are: a CPR with other than 0–9 is refused by ``cpr_validate``, never converted.
    """
    return SEPARATORS.sub("", value or "").upper()


def cpr_format(value: str) -> str:
    """Return the CPR as DDMMYY-XXXX."""
    compact = cpr_compact(value)
    return f"{compact[:6]}-{compact[6:]}" if len(compact) == 10 else compact


def cpr_mask(value: str) -> str:
    """Return the CPR with its sequence part hidden (for logs, audit diffs and lists)."""
    compact = cpr_compact(value)
    return f"{compact[:6]}-xxxx" if len(compact) >= 6 else "xxxxxx-xxxx"


def is_replacement_cpr(value: str) -> bool:
    return bool(REPLACEMENT_CPR.match(cpr_compact(value)))


def cpr_has_only_ascii_digits(value: str) -> bool:
    """True when every digit in ``value`` is one of 0–9 (letters and separators are not judged here)."""
    return not any(char.isdigit() and not ("0" <= char <= "9") for char in value)


def _today() -> date:
    """Today in Denmark (the clock seam: tests move ``timezone.now``)."""
    return local_date(timezone.now())


def cpr_birth_date(value: str) -> date:
    compact = cpr_compact(value)
    if is_replacement_cpr(compact):
        day, month, year = int(compact[0:2]), int(compact[2:4]), int(compact[4:6])
        century = 1900 if year > _today().year % 100 else 2000
        return date(century + year, month, day)
    return stdnum_cpr.get_birth_date(compact)


def cpr_validate(value: str) -> str:
    """Validate a CPR or replacement CPR and return it compact; raise ``ValidationError`` in Danish otherwise.

    The modulus-11 check is not applied: it was given up in 2007 when the sequence numbers ran out.
    """
    compact = cpr_compact(value)
    if not compact.isascii() and not cpr_has_only_ascii_digits(compact):
        raise ValidationError(_("CPR-nummeret må kun indeholde cifrene 0–9."), code="cpr_digits")
    if len(compact) != 10:
        raise ValidationError(_("Et CPR-nummer har 10 cifre (DDMMÅÅ-XXXX)."), code="cpr_length")
    if not compact.isascii():
        raise ValidationError(
            _(
                "Et CPR-nummer består af cifre; et erstatnings-CPR af dato, ét ciffer, to bogstaver og ét ciffer."
            ),
            code="cpr_format",
        )
    try:
        if is_replacement_cpr(compact):
            birth = cpr_birth_date(compact)
        else:
            stdnum_cpr.validate(compact)
            birth = stdnum_cpr.get_birth_date(compact)
    except InvalidLength as error:
        raise ValidationError(_("Et CPR-nummer har 10 cifre (DDMMÅÅ-XXXX)."), code="cpr_length") from error
    except InvalidFormat as error:
        raise ValidationError(
            _(
                "Et CPR-nummer består af cifre; et erstatnings-CPR af dato, ét ciffer, to bogstaver og ét ciffer."
            ),
            code="cpr_format",
        ) from error
    except (InvalidComponent, ValueError, StdnumError) as error:
        raise ValidationError(
            _("CPR-nummeret indeholder ikke en gyldig fødselsdato."), code="cpr_date"
        ) from error
    if birth > _today():
        raise ValidationError(_("CPR-nummerets fødselsdato ligger i fremtiden."), code="cpr_date")
    if birth < EARLIEST_PLAUSIBLE:
        raise ValidationError(
            _("CPR-nummerets fødselsdato (%(birth)s) er ikke troværdig.") % {"birth": f"{birth:%d.%m.%Y}"},
            code="cpr_date",
        )
    return compact
