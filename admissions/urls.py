from django.urls import path

from admissions import views

urlpatterns = [
    path("borgere/", views.citizen_search, name="citizen-search"),
    path("borgere/<int:pk>/", views.citizen_detail, name="citizen-detail"),
    path("borgere/<int:pk>/adgangslog/", views.citizen_access_log, name="citizen-access-log"),
]
