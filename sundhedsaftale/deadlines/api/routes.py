from rest_framework.routers import DefaultRouter

from sundhedsaftale.deadlines.api.views import AlertViewSet, DeadlineRuleViewSet, DeadlineViewSet


def register(router: DefaultRouter) -> None:
    """Register this app's viewsets on the one API router."""
    router.register("deadline-rules", DeadlineRuleViewSet, basename="deadline-rule")
    router.register("deadlines", DeadlineViewSet, basename="deadline")
    router.register("alerts", AlertViewSet, basename="alert")
