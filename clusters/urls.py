from django.urls import path

from clusters import views

urlpatterns = [
    path("kontakter/", views.contact_list_view, name="contact-list"),
    path("noegletal/", views.keyfigures_view, name="keyfigures"),
    path("noegletal/csv/", views.keyfigures_csv_view, name="keyfigures-csv"),
    path("noegletal/rapporter/", views.report_list_view, name="keyfigure-reports"),
    path("noegletal/rapporter/bestil/", views.report_request_view, name="keyfigure-report-request"),
    path("noegletal/rapporter/<int:pk>/", views.report_detail_view, name="keyfigure-report"),
    path("noegletal/rapporter/<int:pk>/pdf/", views.report_pdf_view, name="keyfigure-report-pdf"),
    path("klynger/<str:code>/", views.cluster_view, name="cluster-detail"),
    path("klynger/<str:code>/moeder/ny/", views.meeting_create_view, name="meeting-create"),
    path("moeder/<int:pk>/", views.meeting_detail_view, name="meeting-detail"),
]
