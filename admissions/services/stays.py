"""Where the citizen lies on the ward: the room and bed of the current stay, shown on the ward board."""

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from admissions.events import course_event_record
from admissions.models import Course, CourseEvent, Stay
from admissions.parties import Party, course_acting_organisation
from sundhedsaftale.errors import DomainError

PLACE_MAX_LENGTH = 20


def _one_line(value: str, *, field: str, label: str) -> str:
    if not value.isprintable():  # a line break, a tab or a control character
        raise DomainError(_("%(label)s skal stå på én linje.") % {"label": label}, field=field)
    value = " ".join(value.split())
    if len(value) > PLACE_MAX_LENGTH:
        raise DomainError(
            _("%(label)s må højst have %(n)s tegn.") % {"label": label, "n": PLACE_MAX_LENGTH}, field=field
        )
    return value


def place_clean(*, room: str, bed: str) -> tuple[str, str]:
    """Return room and bed with their spaces tidied; each is one short line (a Danish error names the field)."""
    return _one_line(room, field="room", label=_("Stue")), _one_line(bed, field="bed", label=_("Seng"))


def place_text(*, room: str, bed: str) -> str:
    """``stue 4, seng B`` — or the empty string when neither is known."""
    parts = [f"stue {room}" if room else "", f"seng {bed}" if bed else ""]
    return ", ".join(p for p in parts if p)


@transaction.atomic
def stay_set_place(*, course: Course, room: str, bed: str, acting_user: User) -> Stay:
    """Record the room and bed of the course's current stay (blank clears them), audited on the course's
    timeline. Only the hospital side of an open course may; returns the stay."""
    organisation, _party = course_acting_organisation(
        course=course, user=acting_user, parties=(Party.HOSPITAL,)
    )
    room, bed = place_clean(room=room, bed=bed)
    course = Course.objects.select_for_update().get(pk=course.pk)
    if course.state not in (Course.State.ADMITTED, Course.State.ON_LEAVE):
        raise DomainError(_("Forløbet er afsluttet."), code="course_closed")
    stay = course.stays.filter(ended_at__isnull=True).order_by("-started_at", "-pk").first()
    if stay is None:
        raise DomainError(_("Forløbet har intet igangværende ophold."), code="no_current_stay")
    if (stay.room, stay.bed) == (room, bed):
        return stay
    before = place_text(room=stay.room, bed=stay.bed) or "ingen"
    stay.room, stay.bed = room, bed
    stay.save(update_fields=["room", "bed"])
    after = place_text(room=room, bed=bed) or "ingen"
    course_event_record(
        course=course,
        kind=CourseEvent.Kind.OTHER,
        at=timezone.now(),
        actor=acting_user,
        organisation=organisation,
        text=f"Stue og seng: {before} → {after}",
    )
    return stay
