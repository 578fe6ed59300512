from django.contrib import admin

from sundhedsaftale.access.models import AccessLog


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    list_display = ["at", "username", "organisation", "role", "citizen_id", "action", "what"]
    list_filter = ["action", "role"]
    search_fields = ["username", "what"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
