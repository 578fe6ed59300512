from rest_framework.routers import DefaultRouter

from admissions.api.courses import AdmissionViewSet, CourseViewSet
from admissions.api.records import (
    AdmissionNoticeViewSet,
    AdmissionReportViewSet,
    ConsentViewSet,
    InformationRequestViewSet,
    MessageViewSet,
)
from admissions.api.views import CitizenViewSet


def register(router: DefaultRouter) -> None:
    """Register this app's viewsets on the one API router."""
    router.register("citizens", CitizenViewSet, basename="api-citizen")
    router.register("courses", CourseViewSet, basename="api-course")
    router.register("admissions", AdmissionViewSet, basename="api-admission")
    router.register("consents", ConsentViewSet, basename="api-consent")
    router.register("admission-notices", AdmissionNoticeViewSet, basename="api-admission-notice")
    router.register("admission-reports", AdmissionReportViewSet, basename="api-admission-report")
    router.register("information-requests", InformationRequestViewSet, basename="api-information-request")
    router.register("messages", MessageViewSet, basename="api-message")
