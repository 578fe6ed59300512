from django.contrib import admin

from aids.models import AidType, Depot


@admin.register(AidType)
class AidTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "usual_situation", "reusable", "fitting", "is_large", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "code")


@admin.register(Depot)
class DepotAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "phone")
    search_fields = ("name",)
