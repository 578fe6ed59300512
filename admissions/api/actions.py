"""What every write endpoint of the admissions API does: validate the input serializer, call one service,
answer with the row it returns. The answer shows citizen data, so that row is access-logged like a read."""

from collections.abc import Callable
from typing import Any

from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from sundhedsaftale.api.viewsets import VisibleViewSet
from sundhedsaftale.organisations.actor import actor_of


def api_organisation(request: Request) -> Any:
    """The active membership's organisation for a session request; None for token clients (they act for
    their one organisation, found by the services)."""
    membership = actor_of(request).membership
    return membership.organisation if membership is not None else None


class ServiceActionMixin(VisibleViewSet):
    """``return self.act(services.consent_record, ConsentInputSerializer, created=True)``."""

    def act(
        self,
        service: Callable[..., Any],
        input_class: type[serializers.Serializer] | None = None,
        *,
        subject: str | None = None,
        organisation: bool = False,
        created: bool = False,
        output: type[serializers.Serializer] | None = None,
    ) -> Response:
        """Call ``service(acting_user=..., **validated input)``; with ``subject`` the URL's row is passed as that
        keyword (404 when not visible), with ``organisation`` the active membership's organisation. Returns the
        service's row in ``output`` (the viewset's serializer), 201 when ``created``."""
        request = self.request
        kwargs: dict[str, Any] = {}
        if subject is not None:
            kwargs[subject] = self.get_object()
        if input_class is not None:
            data = input_class(data=request.data, context={"request": request})
            data.is_valid(raise_exception=True)
            kwargs.update(data.validated_data)
        if organisation:
            kwargs["organisation"] = api_organisation(request)
        row = service(acting_user=self.acting_user, **kwargs)
        self._read_rows().append(row)
        serializer_class = output or self.get_serializer_class()
        return Response(
            serializer_class(row, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )
