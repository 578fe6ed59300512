from rest_framework.routers import DefaultRouter

from aids.api import views


def register(router: DefaultRouter) -> None:
    """Register this app's viewsets on the one API router."""
    router.register("aids/responsibility", views.ResponsibilityViewSet, basename="aids-responsibility")
    router.register("aids/types", views.AidTypeViewSet, basename="aids-type")
    router.register("aids/needs", views.AidNeedViewSet, basename="aids-need")
    router.register("aids/loans", views.LoanViewSet, basename="aids-loan")
    router.register("aids/disputes", views.DisputeViewSet, basename="aids-dispute")
    router.register("aids/depots", views.DepotViewSet, basename="aids-depot")
    router.register("aids/capacity-notes", views.CapacityNoteViewSet, basename="aids-capacity-note")
