"""Write use-cases of the GP's epikriser: that the practice has read one."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from discharge.models import DischargeLetter
from sundhedsaftale.errors import DomainError
from sundhedsaftale.organisations.actor import Actor


@transaction.atomic
def discharge_letter_mark_read(*, letter: DischargeLetter, actor: Actor) -> DischargeLetter:
    """Record that the practice the epikrise was sent to has read it; return it. The first reading is kept
    (read/unread is per practice, as for the municipality's notices), so calling it twice is harmless.

    Raises DomainError (403) unless the actor acts for the letter's practice."""
    if actor.acting_organisation is None or actor.acting_organisation.pk != letter.gp_practice_id:
        raise DomainError(
            _("Kun den praksis, epikrisen er sendt til, kan markere den som læst."),
            code="not_a_party",
            status_code=403,
        )
    letter = DischargeLetter.objects.select_for_update().get(pk=letter.pk)
    if letter.read_at is None:
        letter.read_at = timezone.now()
        letter.save(update_fields=["read_at"])  # audited (django-auditlog, discharge.audit)
    return letter
