"""The one API router. Each app contributes its viewsets through ``<app>/api/routes.py``."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from admissions.api import routes as admissions_routes
from clusters.api.views import OrganisationViewSet
from discharge.api import routes as discharge_routes
from rehab.api import routes as rehab_routes
from sundhedsaftale.api.auth import LogoutView, TokenView
from sundhedsaftale.deadlines.api import routes as deadline_routes


router = DefaultRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")
for routes in (deadline_routes, admissions_routes, discharge_routes, rehab_routes):
    routes.register(router)

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="api-token"),
    path("auth/logout/", LogoutView.as_view(), name="api-logout"),
    path("", include(router.urls)),
]
