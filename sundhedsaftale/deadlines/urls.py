from django.urls import URLPattern, path

from sundhedsaftale.deadlines import views

urlpatterns: list[URLPattern] = [
    path("frister/", views.rule_catalogue, name="rule-catalogue"),
    path("frister.pdf", views.rule_catalogue_pdf, name="rule-catalogue-pdf"),
    path("frister/borger/<int:citizen_pk>/", views.citizen_timeline, name="citizen-deadlines"),
    path("advarsler/", views.alert_inbox, name="alert-inbox"),
    path("advarsler/antal/", views.alert_count, name="alert-count"),
    path("advarsler/<int:pk>/kvitter/", views.alert_acknowledge, name="alert-inbox-acknowledge"),
    path("advarsler/<int:pk>/tildel/", views.alert_assign_to_me, name="alert-inbox-assign"),
]
