from rest_framework.routers import DefaultRouter

from clusters.api.keyfigures import KeyFigureViewSet
from clusters.api.views import OrganisationViewSet


def register(router: DefaultRouter) -> None:
    """Register this app's viewsets on the one API router."""
    router.register("organisations", OrganisationViewSet, basename="organisation")
    router.register("keyfigures", KeyFigureViewSet, basename="keyfigure")
