from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Q
from django.http import HttpRequest

from sundhedsaftale.deadlines.models import CalendarConventions, ClosedDay, RuleSetAdoption
from sundhedsaftale.deadlines.services import deadlines_recompute_pending
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.rules import CATALOGUE


class RecomputesDeadlines(admin.ModelAdmin):
    """A change of the calendar moves the pending deadlines computed by it, in the same transaction."""

    def responsible_ids(self, obj: Any) -> list[int] | None:
        """The organisations whose calendar ``obj`` is part of; None: every organisation."""
        return None

    def _recompute(self, request: HttpRequest, obj: Any) -> None:
        moved = deadlines_recompute_pending(responsible_ids=self.responsible_ids(obj))
        if moved:
            self.message_user(request, f"{moved} åbne frister er regnet om efter den ændrede kalender.")

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        self._recompute(request, obj)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        super().delete_model(request, obj)
        self._recompute(request, obj)


@admin.register(ClosedDay)
class ClosedDayAdmin(RecomputesDeadlines):
    list_display = ["organisation", "day", "reason"]

    def responsible_ids(self, obj: Any) -> list[int] | None:
        # a hospital's closed day is its departments' too (``calendar_for``)
        return list(
            Organisation.objects.filter(
                Q(pk=obj.organisation_id) | Q(parent_id=obj.organisation_id)
            ).values_list("pk", flat=True)
        )


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
class CalendarConventionsAdmin(RecomputesDeadlines):
    """The regional secretariat switches the product's calendar conventions for its region (no row: defaults)."""

    list_display = [
        "region",
        "constitution_day_closed",
        "christmas_eve_closed",
        "new_years_eve_closed",
        "may_day_open",
        "move_off_closed_days",
    ]
