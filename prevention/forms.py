"""The forms of the prevention pages (Det Fælles Designsystem markup via ``forms/field.html``)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from prevention.models import Offer, Referral
from prevention.models.offers import KRAM_FIELDS, KRAM_LABELS
from prevention.models.referrals import SCREENING_AREAS, Assessment
from sundhedsaftale.forms import DesignSystemForm, date_field

KRAM_CHOICES = [(key, KRAM_LABELS[key]) for key in KRAM_FIELDS]


def choices_with_blank(choices: Any, label: str = "Vælg …") -> list[tuple[str, Any]]:
    """The choices after an empty first option (a filter's "all", or a choice nobody has made yet)."""
    return [("", label), *choices]


class SearchInput(forms.TextInput):
    input_type = "search"


class CatalogueFilterForm(DesignSystemForm):
    """The catalogue's filters (read leniently by ``selectors.offer_filters_from``; this form draws them)."""

    q = forms.CharField(label=_("Søg"), required=False, max_length=200, widget=SearchInput)
    kram = forms.MultipleChoiceField(
        label=_("KRAM-faktor"), choices=KRAM_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    programme = forms.ChoiceField(
        label=_("Forløbsprogram"),
        required=False,
        choices=choices_with_blank(Offer.Programme.choices[1:], "Alle"),
    )
    education = forms.ChoiceField(
        label=_("Patientuddannelse"),
        required=False,
        choices=choices_with_blank(Offer.Education.choices[1:], "Alle"),
    )
    orientation = forms.ChoiceField(
        label=_("Rettet mod"), required=False, choices=choices_with_blank(Offer.Orientation.choices, "Alle")
    )
    municipality = forms.ChoiceField(label=_("Kommune"), required=False, choices=[])
    hide_optional_marks = True

    def __init__(self, *args: Any, municipalities: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        municipality = self.fields["municipality"]
        assert isinstance(municipality, forms.ChoiceField)
        municipality.choices = choices_with_blank(municipalities, "Alle")


class OfferForm(DesignSystemForm):
    title = forms.CharField(label=_("Titel"), max_length=200)
    orientation = forms.ChoiceField(
        label=_("Rettet mod"), choices=Offer.Orientation.choices, widget=forms.RadioSelect
    )
    target_group = forms.CharField(label=_("Målgruppe"), max_length=2000, widget=forms.Textarea)
    content = forms.CharField(label=_("Indhold"), max_length=4000, widget=forms.Textarea)
    kram = forms.MultipleChoiceField(
        label=_("KRAM-faktorer"), choices=KRAM_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    programme = forms.ChoiceField(label=_("Forløbsprogram"), choices=Offer.Programme.choices, required=False)
    education = forms.ChoiceField(
        label=_("Patientuddannelse"), choices=Offer.Education.choices, required=False
    )
    visitation = forms.CharField(
        label=_("Visitation og henvisning"), max_length=2000, required=False, widget=forms.Textarea
    )
    waiting_weeks = forms.IntegerField(label=_("Ventetid (uger)"), min_value=0, max_value=520, required=False)
    contact = forms.CharField(label=_("Kontakt"), max_length=300, required=False)
    location = forms.CharField(label=_("Hvor"), max_length=300, required=False)
    schedule = forms.CharField(label=_("Hvornår"), max_length=300, required=False)
    active_from = date_field(_("Aktivt fra"))
    active_until = date_field(_("Aktivt til"), required=False)
    accepts_referrals = forms.BooleanField(label=_("Modtager henvisninger"), required=False, initial=True)

    @classmethod
    def initial_of(cls, offer: Offer) -> dict[str, Any]:
        fields = [name for name in cls.base_fields if name != "kram"]
        return {name: getattr(offer, name) for name in fields} | {"kram": offer.kram}

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        factors = set(data.pop("kram"))
        data.update({field: key in factors for key, field in KRAM_FIELDS.items()})
        return data


class ScreeningForm(DesignSystemForm):
    screened_on = date_field(_("Dato for screeningen"))
    note = forms.CharField(label=_("Bemærkning"), max_length=2000, required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for area, label in SCREENING_AREAS.items():
            self.fields[area] = forms.ChoiceField(
                label=label,
                choices=Assessment.choices,
                required=False,
                widget=forms.Select(attrs={"class": "form-select"}),
            )
        self.order_fields(["screened_on", *SCREENING_AREAS, "note"])


class ReferralForm(DesignSystemForm):
    """Refer a citizen to an offer: the citizen by CPR number (or the course), with consent."""

    offer = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    cpr = forms.CharField(label=_("Borgerens CPR-nummer"), max_length=11, required=False)
    consent_by = forms.ChoiceField(
        label=_("Samtykke til henvisningen er givet af"),
        choices=Referral.ConsentBy.choices,
        widget=forms.RadioSelect,
        help_text=_("Henvisningen og dens oplysninger sendes kun med samtykke."),
    )
    reason = forms.CharField(label=_("Begrundelse"), max_length=2000, required=False, widget=forms.Textarea)


class CourseReferralForm(DesignSystemForm):
    """Refer the citizen of a course to an offer chosen from the active offers that take referrals."""

    offer = forms.ModelChoiceField(label=_("Tilbud"), queryset=Offer.objects.none(), empty_label="Vælg …")
    consent_by = ReferralForm.base_fields["consent_by"]
    reason = ReferralForm.base_fields["reason"]

    def __init__(self, *args: Any, offers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer_field = self.fields["offer"]
        assert isinstance(offer_field, forms.ModelChoiceField)
        offer_field.queryset = offers


class ReferralStatusForm(DesignSystemForm):
    status = forms.ChoiceField(label=_("Ny status"), choices=[])
    note = forms.CharField(label=_("Bemærkning"), max_length=500, required=False)

    def __init__(self, *args: Any, allowed: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["status"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices_with_blank([(s, Referral.Status(s).label) for s in allowed])


class CsvImportForm(DesignSystemForm):
    file = forms.FileField(
        label=_("CSV-fil"),
        help_text=_("Semikolonsepareret, UTF-8, med kolonnerne fra eksporten. Alt indlæses, eller intet."),
    )
