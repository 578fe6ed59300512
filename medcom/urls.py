"""The MedCom log pages and the receiving endpoints at their MedCom paths (``/api/v1/fhir/...``, no trailing
slash, as EPJ/EOJ integrations post them; also with one)."""

from django.urls import path, re_path

from medcom import views
from medcom.api.receive import CareCommunicationReceiveView, HospitalNotificationReceiveView

urlpatterns = [
    re_path(
        r"^api/v1/fhir/hospital-notification/?$",
        HospitalNotificationReceiveView.as_view(),
        name="fhir-hospital-notification",
    ),
    re_path(
        r"^api/v1/fhir/care-communication/?$",
        CareCommunicationReceiveView.as_view(),
        name="fhir-care-communication",
    ),
    path("medcom/", views.message_log, name="medcom-log"),
    path("medcom/modtaget/<int:pk>/", views.inbound_detail, name="medcom-inbound"),
    path("medcom/afsendt/<int:pk>/", views.outbound_detail, name="medcom-outbound"),
]
