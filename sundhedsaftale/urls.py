from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularSwaggerView

from sundhedsaftale import areas, views
from sundhedsaftale.access.login import LoginView
from sundhedsaftale.api.schema_view import SchemaView

if settings.ADMIN_REQUIRE_OTP:
    from django_otp.admin import OTPAdminSite

    admin.site.__class__ = OTPAdminSite

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("organisation/skift/", views.membership_switch, name="membership-switch"),
    path("healthz", views.healthz, name="healthz"),
    # every area's pages (``urls`` on its AppConfig), in INSTALLED_APPS order
    *areas.url_patterns(),
    # The API is namespaced ("api:...") so its route names never shadow the pages' names.
    path("api/v1/", include(("sundhedsaftale.api.urls", "api"), namespace="api")),
    path("api/schema/", SchemaView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

handler404 = "sundhedsaftale.views.not_found"
handler500 = "sundhedsaftale.views.server_error"
