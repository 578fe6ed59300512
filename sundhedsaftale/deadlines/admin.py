from django import forms
from django.contrib import admin

from sundhedsaftale.deadlines.models import CalendarConventions, ClosedDay, RuleSetAdoption
from sundhedsaftale.rules import CATALOGUE

admin.site.register(ClosedDay)


class RuleSetAdoptionForm(forms.ModelForm):
    # Only the catalogue's sets: an unknown code would fall back to the base set without anyone noticing.
    rule_set = forms.ChoiceField(
        label="Regelsæt",
        choices=[(candidate.code, f"{candidate.code}: {candidate.title}") for candidate in CATALOGUE],
    )

    class Meta:
        model = RuleSetAdoption
        fields = ["cluster", "rule_set", "adopted_on"]


@admin.register(RuleSetAdoption)
class RuleSetAdoptionAdmin(admin.ModelAdmin):
    """The regional secretariat decides which rule set a cluster works by, and from when: of the sets a cluster
    adopted on or before a day, the one adopted last applies (adopting 2008 again after 2021 goes back)."""

    form = RuleSetAdoptionForm
    list_display = ["cluster", "rule_set", "adopted_on"]
    list_filter = ["rule_set"]
    ordering = ["cluster__name", "adopted_on"]


@admin.register(CalendarConventions)
class CalendarConventionsAdmin(admin.ModelAdmin):
    """The regional secretariat switches the product's calendar conventions for its region (no row: defaults)."""

    list_display = [
        "region",
        "constitution_day_closed",
        "christmas_eve_closed",
        "new_years_eve_closed",
        "may_day_open",
        "move_off_closed_days",
    ]
