"""The one API router. Each app contributes its viewsets here."""

from django.urls import include, path
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.routers import DefaultRouter
from rest_framework.throttling import ScopedRateThrottle

from admissions.api.views import CitizenViewSet
from clusters.api.views import OrganisationViewSet


class TokenView(ObtainAuthToken):
    """Exchange username and password for the API token of a REST client (throttled, and locked by axes)."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"


router = DefaultRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("citizens", CitizenViewSet, basename="citizen")

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="api-token"),
    path("", include(router.urls)),
]
