from rest_framework.routers import DefaultRouter

from admissions.api.views import CitizenViewSet


def register(router: DefaultRouter) -> None:
    """Register this app's viewsets on the one API router."""
    router.register("citizens", CitizenViewSet, basename="citizen")
