"""Write use-cases of "Tildel mig": a member takes an inbox item for the organisation, or lets it go."""

from typing import cast

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from admissions.models import AdmissionNotice, Assignment, InformationRequest
from sundhedsaftale.errors import DomainError
from sundhedsaftale.organisations.actor import Actor
from sundhedsaftale.organisations.models import Organisation

AssignableItem = AdmissionNotice | InformationRequest


def _organisation(*, item: AssignableItem, actor: Actor) -> Organisation:
    """The organisation the actor assigns for: its active one, which must be a party that may see the item
    (the item type's ``visible_to``); otherwise the item does not exist for it (404)."""
    organisation = actor.acting_organisation
    visible = type(item).objects.visible_to(actor).filter(pk=item.pk).exists()
    if organisation is None or not actor.reads_personal_data or not visible:
        raise DomainError(_("Posten findes ikke."), code="not_found", status_code=404)
    return organisation


@transaction.atomic
def assignment_take(*, item: AssignableItem, actor: Actor) -> Assignment:
    """Assign the item to the acting member for its organisation ("Tildel mig"); return the assignment. Taking
    over a colleague's item replaces their assignment; taking one's own again changes nothing."""
    organisation = _organisation(item=item, actor=actor)
    user = cast(User, actor.user)
    # The unique constraint decides, not a check before the insert: a colleague who takes the item in the same
    # instant wins the insert, and get_or_create then finds (and locks) their row, which this member takes over.
    assignment, created = Assignment.objects.select_for_update().get_or_create(
        organisation=organisation,
        item_type=ContentType.objects.get_for_model(item),
        item_id=item.pk,
        defaults={"assignee": user, "assigned_at": timezone.now()},
    )
    if not created and assignment.assignee_id != user.pk:
        assignment.assignee = user
        assignment.assigned_at = timezone.now()
        assignment.save(update_fields=["assignee", "assigned_at"])  # audited (admissions.audit)
    return assignment


@transaction.atomic
def assignment_release(*, item: AssignableItem, actor: Actor) -> None:
    """Let the item go ("Fjern tildeling"): only the member who has it may; a colleague takes it over instead.
    Releasing an item nobody has is harmless."""
    organisation = _organisation(item=item, actor=actor)
    assignment = (
        Assignment.objects.select_for_update()
        .filter(organisation=organisation, item_type=ContentType.objects.get_for_model(item), item_id=item.pk)
        .first()
    )
    if assignment is None:
        return
    if assignment.assignee_id != cast(User, actor.user).pk:
        raise DomainError(
            _("Posten er tildelt en kollega. Vælg \u201dTildel mig\u201d for at overtage den."),
            code="assigned_to_another",
            status_code=409,
        )
    assignment.delete()  # audited (admissions.audit)
