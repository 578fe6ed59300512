"""The one API router. Each app contributes its viewsets through ``<app>/api/routes.py``."""

from django.urls import include, path
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.routers import DefaultRouter
from rest_framework.throttling import ScopedRateThrottle

from admissions.api import routes as admissions_routes
from clusters.api.views import OrganisationViewSet
from discharge.api import routes as discharge_routes
from rehab.api import routes as rehab_routes
from sundhedsaftale.deadlines.api import routes as deadline_routes


class TokenView(ObtainAuthToken):
    """Exchange username and password for the API token of a REST client (throttled, and locked by axes)."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"


router = DefaultRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")
for routes in (deadline_routes, admissions_routes, discharge_routes, rehab_routes):
    routes.register(router)

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="api-token"),
    path("", include(router.urls)),
]
