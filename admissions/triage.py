"""Read use-cases of triage in an inbox: who in the organisation has each notice and request ("Tildel mig"),
and the inbox narrowed to the user's own items or to those nobody has taken."""

from typing import cast

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, Model, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Concat, NullIf, Trim
from django.http import Http404
from django.shortcuts import get_object_or_404

from admissions.models import AdmissionNotice, Assignment, InformationRequest
from admissions.selectors import Inbox
from sundhedsaftale.organisations.actor import Actor
from sundhedsaftale.organisations.models import Organisation

# what the URL calls each kind of item that can be assigned
ASSIGNABLE: dict[str, type[AdmissionNotice] | type[InformationRequest]] = {
    "advis": AdmissionNotice,
    "forespoergsel": InformationRequest,
}
# the inbox's filter ``?tildelt=``: everything (no value), the user's own, or those nobody has taken
WHO_CHOICES = (("", "Alle"), ("mig", "Tildelt mig"), ("ingen", "Ikke tildelt"))


def _assignments(organisation: Organisation, model: type[Model]) -> QuerySet[Assignment]:
    return Assignment.objects.filter(
        organisation=organisation, item_type=ContentType.objects.get_for_model(model), item_id=OuterRef("pk")
    )


def assignment_annotate[M: Model](
    rows: QuerySet[M], *, organisation: Organisation, user: User, who: str = ""
) -> QuerySet[M]:
    """The rows with ``assignee_id``, ``assignee_name`` (full name, else the log-in) and ``assigned_at`` of the
    organisation's assignment (None when nobody has it), narrowed by ``who`` ("mig", "ingen" or "" for all)."""
    assignments = _assignments(organisation, rows.model)
    name = Coalesce(
        NullIf(Trim(Concat("assignee__first_name", Value(" "), "assignee__last_name")), Value("")),
        "assignee__username",
        output_field=CharField(),
    )
    annotated = cast(
        QuerySet[M],
        rows.annotate(
            assignee_id=Subquery(assignments.values("assignee_id")[:1]),
            assignee_name=Subquery(assignments.annotate(name=name).values("name")[:1]),
            assigned_at=Subquery(assignments.values("assigned_at")[:1]),
        ),
    )
    if who == "mig":
        return annotated.filter(Exists(assignments.filter(assignee=user)))
    if who == "ingen":
        return annotated.exclude(Exists(assignments))
    return annotated


def inbox_assignments(*, inbox: Inbox, organisation: Organisation, user: User, who: str = "") -> Inbox:
    """The inbox with who has each admission notice and information request (``assignment_annotate``)."""
    inbox.notices = assignment_annotate(inbox.notices, organisation=organisation, user=user, who=who)
    inbox.information_requests = assignment_annotate(
        inbox.information_requests, organisation=organisation, user=user, who=who
    )
    return inbox


def assignable_get(*, actor: Actor, kind: str, pk: int) -> AdmissionNotice | InformationRequest:
    """The notice or request the user may see (its type's ``visible_to``), with who in the actor's organisation
    has it; Http404 for an unknown kind, an unknown id or one the user may not see."""
    model = ASSIGNABLE.get(kind)
    organisation = actor.acting_organisation
    if model is None or organisation is None or not actor.reads_personal_data:
        raise Http404
    rows = model.objects.visible_to(actor).select_related("course__citizen")
    annotated = assignment_annotate(rows, organisation=organisation, user=cast(User, actor.user))
    return cast(AdmissionNotice | InformationRequest, get_object_or_404(annotated, pk=pk))
