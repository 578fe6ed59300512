"""The pages' guarantee, the same as the API base viewset's: a citizen's record is fetched through the one
visibility rule (``visible_to(actor)``; foreign and missing rows alike answer 404) and the read is logged."""

from typing import Any

from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404

from sundhedsaftale.access.services import access_log_record
from sundhedsaftale.organisations.actor import actor_of


def citizen_id_of(row: Model) -> int | None:
    """Return the id of the citizen a row belongs to, following its queryset's ``citizen_path``."""
    path: str = getattr(type(row)._default_manager.get_queryset(), "citizen_path", "")
    if not path:
        return row.pk
    value: Any = row
    *parents, last = path.split("__")
    for part in parents:
        value = getattr(value, part, None)
    return getattr(value, f"{last}_id", None) if value is not None else None


def read_or_404[M: Model](
    request: Any, rows: "QuerySet[M]", *, what: str, action: str = "view", **lookup: Any
) -> M:
    """Return the row matching ``lookup`` among those the request's actor may see (404 otherwise), and log the
    read of its citizen's data."""
    row = get_object_or_404(rows.visible_to(actor_of(request)), **lookup)  # type: ignore[attr-defined]
    access_log_record(request=request, citizen_ids=[citizen_id_of(row)], what=what, action=action)
    return row
