from django.urls import path

from clusters import views

urlpatterns = [
    path("kontakter/", views.contact_list_view, name="contact-list"),
]
