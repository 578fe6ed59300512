"""Where each receiving organisation takes delivery of MedCom messages: set by the operators in the admin (an
organisation without an endpoint has its messages kept in the outbound log, the embedded default)."""

from django.contrib import admin

from medcom.models import DeliveryEndpoint


@admin.register(DeliveryEndpoint)
class DeliveryEndpointAdmin(admin.ModelAdmin):
    list_display = ["organisation", "url", "is_active"]
    list_filter = ["is_active"]
    autocomplete_fields = ["organisation"]
    search_fields = ["organisation__name", "url"]
