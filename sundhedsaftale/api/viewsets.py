"""The base viewsets: the visibility rule is applied here, once, and every read of citizen data is logged."""

from typing import Any, ClassVar

from django.contrib.auth.models import User
from django.db.models import Model, QuerySet
from rest_framework import mixins, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from sundhedsaftale.access.services import access_log_record
from sundhedsaftale.organisations.actor import Actor, actor_of


class VisibleViewSet(viewsets.GenericViewSet):
    """A viewset whose rows are always ``queryset.visible_to(actor)``.

    Subclasses set ``queryset`` and may narrow it in ``scope_queryset``; they must not override
    ``get_queryset`` (enforced), so the visibility rule cannot be forgotten. Foreign rows are simply
    absent, so a detail request for one gives 404, not 403, and existence is not leaked.
    """

    #: attribute path from a row to its citizen's id; ``None`` for data that is not a citizen's
    citizen_id_path: ClassVar[str | None] = "citizen_id"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "get_queryset" in cls.__dict__:
            raise TypeError(f"{cls.__name__} overrides get_queryset; use scope_queryset instead")

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        # A token client is authenticated only here, after the middleware ran for an anonymous user: build its
        # actor now, so every query, service and access-log row of this request acts for it.
        request._request.actor = actor_of(request)  # type: ignore[attr-defined]  # AppRequest

    @property
    def actor(self) -> Actor:
        return actor_of(self.request)

    @property
    def acting_user(self) -> User:
        """The authenticated user writing (every API view requires a log-in: ``IsAuthenticated``)."""
        user = self.request.user
        assert isinstance(user, User), "the API's permission classes let no anonymous request through"
        return user

    def scope_queryset(self, queryset: QuerySet) -> QuerySet:
        """Hook: narrow or annotate the visible rows (select_related, filters by URL kwargs)."""
        return queryset

    def get_queryset(self) -> QuerySet:
        rows: Any = self.queryset  # type: ignore[arg-type]  # django-stubs: a Manager read through an instance
        assert rows is not None, f"{type(self).__name__} needs a queryset"
        return self.scope_queryset(rows.all().visible_to(self.actor))

    # --- the access log (Sundhedsloven § 42 a) -------------------------------------------------
    def _read_rows(self) -> list[Model]:
        if not hasattr(self, "_rows_read"):
            self._rows_read: list[Model] = []
        return self._rows_read

    def get_object(self) -> Any:
        row = super().get_object()
        self._read_rows().append(row)
        return row

    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(queryset)
        self._read_rows().extend(page if page is not None else list(queryset))
        return page

    def citizen_ids_of(self, row: Model) -> list[int]:
        """The citizen of a row: by ``citizen_id_path`` for the viewset's own rows, else by the ``citizen_path``
        of the row's queryset (``CitizenDataQuerySet``), so a write answering with another record is logged too."""
        path = self.citizen_id_path
        if not isinstance(row, self._row_model()):
            manager: Any = row._meta.default_manager
            citizen_path = getattr(manager.all(), "citizen_path", None)
            path = f"{citizen_path.replace('__', '.')}_id" if citizen_path else None
        if path is None:
            return []
        value: Any = row
        for part in path.split("."):
            value = getattr(value, part, None)
        return [value] if value is not None else []

    def _row_model(self) -> type[Model]:
        rows: Any = self.queryset  # type: ignore[arg-type]  # django-stubs: a Manager read through an instance
        return rows.model if rows is not None else Model

    def _rows_answered(self, response: Response) -> list[Model]:
        """The rows a serializer turned into this response (``serializer.data`` remembers its serializer): every
        answer built from a record, a create or an action as much as a read, is logged without each view
        remembering to."""
        serializer = getattr(response.data, "serializer", None)
        instance = getattr(serializer, "instance", None)
        rows = instance if isinstance(instance, list | tuple | QuerySet) else [instance]
        return [row for row in rows if isinstance(row, Model)]

    def finalize_response(self, request: Request, response: Response, *args: Any, **kwargs: Any) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        if 200 <= response.status_code < 300 and request.user.is_authenticated:
            rows = [*self._read_rows(), *self._rows_answered(response)]
            ids = [i for row in rows for i in self.citizen_ids_of(row)]
            if ids:
                route = request.resolver_match.view_name if request.resolver_match else request.path
                access_log_record(request=request, citizen_ids=ids, what=f"API {route}", action="api")
        return response


class ReadOnlyVisibleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, VisibleViewSet):
    pass
