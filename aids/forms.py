"""Forms of the aids screens: register a need, deliver, lend, return, dispute, capacity notes."""

from typing import Any

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from aids.models import AidNeed, AidType, CapacityNote, Depot, Level, Loan, Outcome
from aids.models.catalogue import SITUATION_CHOICES
from aids.models.needs import PARTY_CHOICES
from sundhedsaftale.forms import DesignSystemForm, date_field, when_field


def choices_with_blank(choices: Any, label: StrOrPromise = "Vælg …") -> list[tuple[str, StrOrPromise]]:
    """The choices after an empty first option: a choice nobody made is an error, not the first one."""
    return [("", label), *choices]


class NeedForm(DesignSystemForm):
    aid_type = forms.ModelChoiceField(
        label=_("Hjælpemiddel"), queryset=AidType.objects.filter(is_active=True), empty_label="Vælg …"
    )
    situation = forms.ChoiceField(
        label=_("Situation (afgør hvem der leverer og betaler)"),
        choices=choices_with_blank(SITUATION_CHOICES),
    )
    treated_at = forms.ChoiceField(
        label=_("Behandlingssted"), choices=AidNeed.TreatedAt.choices, required=False
    )
    known_at_hospital = forms.BooleanField(
        label=_("Borgeren er kendt i hospitalsregi"), required=False, initial=True
    )
    why = forms.CharField(
        label=_("Begrundelse for behovet"), widget=forms.Textarea, required=False, max_length=2000
    )
    needed_from = date_field(
        _("Behov fra"), required=False, help_text=_("Som udgangspunkt udskrivningsdagen.")
    )
    lasting = forms.BooleanField(label=_("Varigt behov"), required=False)
    discharge_need = forms.ChoiceField(
        label=_("Varsling efter udskrivningsaftalen"), choices=AidNeed.DischargeNeed.choices, required=False
    )
    home_visit_needed = forms.BooleanField(label=_("Hjemmebesøg før udskrivning"), required=False)
    fast_track = forms.BooleanField(
        label=_("Terminalpatient: hurtig levering uden om normal procedure (1.4)"), required=False
    )
    expected_delivery_on = date_field(_("Forventet levering"), required=False)
    delivers = forms.ChoiceField(
        label=_("Afvig: leverer"), choices=choices_with_blank(PARTY_CHOICES, "Efter aftalen"), required=False
    )
    pays = forms.ChoiceField(
        label=_("Afvig: betaler"), choices=choices_with_blank(PARTY_CHOICES, "Efter aftalen"), required=False
    )
    override_reason = forms.CharField(label=_("Begrundelse for afvigelse"), required=False, max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # the decision is shown as the situation is chosen (htmx); without JavaScript it is shown after saving
        preview = {"hx-get": reverse("aids-responsibility-preview"), "hx-target": "#aid-decision"}
        for name in ("situation", "treated_at", "known_at_hospital"):
            self.fields[name].widget.attrs.update({**preview, "hx-include": "closest form"})


class DeliverForm(DesignSystemForm):
    delivered_at = when_field(_("Leveret"))
    note = forms.CharField(label=_("Bemærkning"), required=False, max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # what just happened: the person types nothing when it is now
        self.fields["delivered_at"].initial = timezone.localtime().replace(second=0, microsecond=0)


class CancelForm(DesignSystemForm):
    reason = forms.CharField(label=_("Årsag"), max_length=500)


class LoanForm(DesignSystemForm):
    item_number = forms.CharField(label=_("Serie- eller depotnummer"), max_length=60)
    depot = forms.ModelChoiceField(label=_("Depot"), queryset=Depot.objects.none(), required=False)
    contact_name = forms.CharField(label=_("Kontaktperson (står på lånesedlen)"), max_length=120)
    contact_phone = forms.CharField(label=_("Telefon"), max_length=40)
    delivered_by_name = forms.CharField(label=_("Leveret af"), max_length=120, required=False)
    instruction_given = forms.BooleanField(label=_("Instruktion i brug givet"), required=False)
    instruction_note = forms.CharField(label=_("Instruktion"), max_length=500, required=False)
    follow_up_on = date_field(_("Opfølgning"), required=False)
    terms = forms.CharField(
        label=_("Særlige vilkår"),
        widget=forms.Textarea,
        required=False,
        max_length=3000,
        help_text=_("Tom: standardvilkårene."),
    )

    def __init__(self, *args: Any, depots: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if depots is not None:
            self.fields["depot"].queryset = depots  # type: ignore[attr-defined]


class ReturnForm(DesignSystemForm):
    kind = forms.ChoiceField(label=_("Hvordan"), choices=Loan.ReturnKind.choices)
    note = forms.CharField(label=_("Bemærkning"), required=False, max_length=500)


class DisputeForm(DesignSystemForm):
    question = forms.CharField(label=_("Tvivlsspørgsmålet"), widget=forms.Textarea, max_length=3000)


class EscalateForm(DesignSystemForm):
    decision = forms.CharField(
        label=_("Hvad blev besluttet på dette niveau"), widget=forms.Textarea, max_length=3000
    )
    decided_on = date_field(_("Dato"), required=False)
    to = forms.ChoiceField(label=_("Forelægges"), choices=Level.choices, required=False)


class DecideForm(DesignSystemForm):
    outcome = forms.ChoiceField(label=_("Afgørelse"), choices=choices_with_blank(Outcome.choices))
    pays_afterwards = forms.ChoiceField(
        label=_("Betaler efterfølgende"),
        choices=choices_with_blank(Outcome.choices, "Som afgørelsen"),
        required=False,
    )
    decision = forms.CharField(label=_("Begrundelse"), widget=forms.Textarea, max_length=3000)
    decided_on = date_field(_("Dato"), required=False)


class CapacityNoteForm(DesignSystemForm):
    kind = forms.ChoiceField(label=_("Type"), choices=CapacityNote.Kind.choices)
    depot = forms.ModelChoiceField(label=_("Depot"), queryset=Depot.objects.none(), required=False)
    text = forms.CharField(label=_("Beskrivelse"), widget=forms.Textarea, max_length=2000)
    valid_from = date_field(_("Fra"), required=False)
    valid_to = date_field(_("Til"), required=False)

    def __init__(self, *args: Any, depots: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if depots is not None:
            self.fields["depot"].queryset = depots  # type: ignore[attr-defined]
