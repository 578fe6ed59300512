"""The one API router. Each area contributes its viewsets through ``api_routes`` on its AppConfig
(``sundhedsaftale.areas``), usually ``<app>/api/routes.py``."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from sundhedsaftale.api.auth import LogoutView, TokenView
from sundhedsaftale.areas import register_api_routes

router = DefaultRouter()
register_api_routes(router)

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="api-token"),
    path("auth/logout/", LogoutView.as_view(), name="api-logout"),
    path("", include(router.urls)),
]
