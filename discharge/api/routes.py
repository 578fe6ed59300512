from rest_framework.routers import DefaultRouter

from discharge.api import views


def register(router: DefaultRouter) -> None:
    """Register this app's viewsets on the one API router."""
    router.register("discharge-plans", views.DischargePlanViewSet, basename="discharge-plan")
    router.register(
        "discharge-notifications", views.DischargeNotificationViewSet, basename="discharge-notification"
    )
    router.register("finished-treatments", views.FinishedTreatmentViewSet, basename="finished-treatment")
    router.register(
        "discharge-conferences", views.DischargeConferenceViewSet, basename="discharge-conference"
    )
    router.register("discharge-notices", views.DischargeNoticeViewSet, basename="discharge-notice")
    router.register("discharge-reports", views.DischargeReportViewSet, basename="discharge-report")
    router.register("discharge-letters", views.DischargeLetterViewSet, basename="discharge-letter")
    router.register("municipal-replies", views.MunicipalReplyViewSet, basename="municipal-reply")
    router.register("sudden-changes", views.SuddenChangeViewSet, basename="sudden-change")
