from rest_framework.routers import DefaultRouter

from rehab.api import views


def register(router: DefaultRouter) -> None:
    """Register this app's viewsets on the one API router."""
    router.register("rehab/plans", views.PlanViewSet, basename="rehab-api-plan")
    router.register("rehab/deliveries", views.DeliveryViewSet, basename="rehab-api-delivery")
    router.register("rehab/contacts", views.FirstContactViewSet, basename="rehab-api-contact")
    router.register("rehab/courses", views.RehabCourseViewSet, basename="rehab-api-course")
    router.register("rehab/advance-notices", views.AdvanceNoticeViewSet, basename="rehab-api-advance-notice")
    router.register(
        "rehab/capacity-notices", views.CapacityNoticeViewSet, basename="rehab-api-capacity-notice"
    )
