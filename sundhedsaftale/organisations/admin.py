from django.contrib import admin

from sundhedsaftale.organisations.models import Contact, Membership, OpeningHours, Organisation


class ContactInline(admin.StackedInline):
    model = Contact
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "code",
        "kind",
        "department_kind",
        "cluster",
        "parent",
        "inhabitants",
        "is_active",
    ]
    list_filter = ["kind", "department_kind", "cluster", "is_active"]
    search_fields = ["name", "code"]
    inlines = [ContactInline]


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["label", "organisation", "purpose", "phone"]
    list_filter = ["purpose"]
    search_fields = ["label", "organisation__name", "phone"]
    inlines = [OpeningHoursInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "is_lead"]
    list_filter = ["role", "is_lead"]
    search_fields = ["user__username", "organisation__name"]
    autocomplete_fields = ["organisation"]
