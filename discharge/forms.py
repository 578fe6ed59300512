"""HTML forms of discharge: they parse and shape input; the services decide. A DomainError becomes a form error."""

from django import forms
from django.utils.translation import gettext_lazy as _

from discharge.models import DischargeConference, FunctionalAbility, MunicipalReply, Need, SuddenChange
from sundhedsaftale.forms import (
    DesignSystemForm,
    choices_with_blank,
    date_field,
    when_field,
)


class PlanForm(DesignSystemForm):
    functional_ability = forms.ChoiceField(
        label=_("Forventet funktionsevne ved udskrivning"),
        choices=choices_with_blank(FunctionalAbility.choices),
    )
    need = forms.ChoiceField(
        label=_("Behov efter udskrivning"),
        choices=choices_with_blank(Need.choices),
        help_text=_("Behovet afgør varslingsfristen (sundhedsaftalen 1.2.1–1.2.4)."),
    )
    needs = forms.MultipleChoiceField(
        label=_("Yderligere behov"),
        required=False,
        choices=[(need, label) for need, label in Need.choices if need != Need.SIMPLE_NURSING],
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Ved nedsat funktionsevne kan flere behov gælde samtidig (1.2.2–1.2.4); hvert behov får sin egen "
            "varslingsfrist, og den tidligste vises først."
        ),
    )
    planned_date = date_field(_("Planlagt udskrivningsdato"))
    nursing_service_date = date_field(
        _("Dato for sygeplejeydelsen"),
        required=False,
        help_text=_("Kun ved enkle sygeplejehandlinger; tom = udskrivningsdagen."),
    )
    agreed_date = date_field(
        _("Aftalt udskrivningstidspunkt"),
        required=False,
        help_text=_(
            "Samarbejdsaftalen fra 2021: den dato, hospital og kommune har aftalt ud fra den forberedelse, kommunen "
            "har brug for. Udskrivning før den er hospitalets afvigelse."
        ),
    )
    note = forms.CharField(label=_("Bemærkning"), required=False, widget=forms.Textarea)
    reason = forms.CharField(
        label=_("Årsag til ændret dato"),
        required=False,
        max_length=300,
        help_text=_("Vises for kommunen, hvis datoen flyttes."),
    )


class NotificationForm(DesignSystemForm):
    text = forms.CharField(
        label=_("Besked til kommunen"),
        required=False,
        widget=forms.Textarea,
        help_text=_(
            "Fx borgerens forventede behov og kontaktperson på afdelingen. Sendes kun med borgerens samtykke til "
            "at videregive helbredsoplysninger til kommunen; uden samtykke går varslingen uden besked."
        ),
    )


class FinishedTreatmentForm(DesignSystemForm):
    finished_on = date_field(
        _("Færdigbehandlet dato"),
        help_text=_("Lægens vurdering; kan være enhver dag (i børne- og ungdomspsykiatrien en hverdag)."),
    )
    doctor_name = forms.CharField(label=_("Læge"), max_length=200)
    note = forms.CharField(label=_("Bemærkning"), required=False, widget=forms.Textarea)


class ConferenceForm(DesignSystemForm):
    kind = forms.ChoiceField(label=_("Type"), choices=DischargeConference.Kind.choices)
    scheduled_at = when_field(_("Tidspunkt"))
    location = forms.CharField(label=_("Sted / telefonnummer"), required=False, max_length=200)
    participants = forms.CharField(
        label=_("Deltagere"), widget=forms.Textarea, help_text=_("Borger, pårørende, afdeling, kommune …")
    )


class ConferenceOutcomeForm(DesignSystemForm):
    outcome = forms.CharField(label=_("Resultat"), widget=forms.Textarea)


class NoticeForm(DesignSystemForm):
    discharged_at = when_field(_("Udskrevet"), now=True)
    destination = forms.CharField(label=_("Udskrives til"), required=False, max_length=200)
    medication_changed = forms.BooleanField(label=_("Medicinen er ændret under indlæggelsen"), required=False)
    dose_dispensing_cancelled = forms.BooleanField(label=_("Dosisdispensering er annulleret"), required=False)
    aids_handed_out = forms.CharField(
        label=_("Udleverede hjælpemidler"), required=False, widget=forms.Textarea
    )
    early_discharge_reason = forms.CharField(
        label=_("Årsag til at udskrive alligevel"),
        required=False,
        widget=forms.Textarea,
        help_text=_(
            "Udfyldes, når kommunen ikke er varslet i tide, eller borgeren udskrives før det aftalte tidspunkt: "
            "udskrivningen registreres med årsagen, og afdelingen og kommunen får besked."
        ),
    )


class ReportForm(DesignSystemForm):
    functional_level = forms.CharField(label=_("Funktionsniveau"), widget=forms.Textarea)
    nursing = forms.CharField(label=_("Pleje og sygepleje efter udskrivning"), widget=forms.Textarea)
    medication = forms.CharField(label=_("Medicin"), required=False, widget=forms.Textarea)
    aids = forms.CharField(label=_("Hjælpemidler"), required=False, widget=forms.Textarea)
    author_phone = forms.CharField(label=_("Dit telefonnummer"), required=False, max_length=40)


class LetterForm(DesignSystemForm):
    summary = forms.CharField(label=_("Epikrise"), widget=forms.Textarea(attrs={"rows": 6}))
    medication_changed = forms.BooleanField(label=_("Medicinen er ændret"), required=False)
    medication = forms.CharField(label=_("Medicin ved udskrivning"), required=False, widget=forms.Textarea)
    dose_dispensing_cancelled = forms.BooleanField(label=_("Dosisdispensering er annulleret"), required=False)
    follow_up = forms.CharField(label=_("Opfølgning hos egen læge"), required=False, widget=forms.Textarea)


class ReplyForm(DesignSystemForm):
    answer = forms.ChoiceField(
        label=_("Svar"), choices=MunicipalReply.Answer.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Begrundelse"),
        required=False,
        widget=forms.Textarea,
        help_text=_("Skal udfyldes, når kommunen har brug for mere tid."),
    )
    ready_on = date_field(_("Klar til at modtage fra"), required=False)
    author_phone = forms.CharField(label=_("Dit telefonnummer"), required=False, max_length=40)


class SuddenChangeForm(DesignSystemForm):
    kind = forms.ChoiceField(label=_("Ændring"), choices=SuddenChange.Kind.choices)
    description = forms.CharField(label=_("Beskrivelse"), widget=forms.Textarea)
    occurred_at = when_field(_("Tidspunkt"))


class TimeProposalForm(DesignSystemForm):
    proposed_date = date_field(_("Foreslået udskrivningsdato"))
    reason = forms.CharField(
        label=_("Begrundelse"),
        max_length=300,
        widget=forms.Textarea,
        help_text=_("Fx den forberedelse, kommunen har brug for ud fra borgerens funktionsevne."),
    )
