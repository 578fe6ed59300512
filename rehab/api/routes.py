from rest_framework.routers import DefaultRouter

from rehab.api import views


def register(router: DefaultRouter) -> None:
    """Register this app's viewsets on the one API router."""
    router.register("rehab/plans", views.PlanViewSet, basename="rehab-plan")
    router.register("rehab/deliveries", views.DeliveryViewSet, basename="rehab-delivery")
    router.register("rehab/contacts", views.FirstContactViewSet, basename="rehab-contact")
    router.register("rehab/courses", views.RehabCourseViewSet, basename="rehab-course")
    router.register("rehab/advance-notices", views.AdvanceNoticeViewSet, basename="rehab-advance-notice")
    router.register("rehab/capacity-notices", views.CapacityNoticeViewSet, basename="rehab-capacity-notice")
