"""HTML forms: they parse and shape input; the services decide. A ``DomainError`` becomes a form error."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from admissions.models import Consent, Course, Thread
from sundhedsaftale.citizens.services import LookupPurpose
from sundhedsaftale.forms import (
    DesignSystemForm,
    choices_with_blank,
    when_field,
)
from sundhedsaftale.organisations.actor import Actor
from sundhedsaftale.organisations.models import Organisation


class AdmitForm(DesignSystemForm):
    cpr = forms.CharField(
        label=_("CPR-nummer"), max_length=11, help_text=_("DDMMÅÅ-XXXX eller erstatnings-CPR")
    )
    name = forms.CharField(
        label=_("Navn"),
        max_length=200,
        required=False,
        help_text=_("Kan udelades, hvis borgeren findes i forvejen."),
    )
    municipality = forms.ModelChoiceField(
        label=_("Bopælskommune"), queryset=Organisation.objects.filter(kind="municipality").order_by("name")
    )
    gp_code = forms.CharField(label=_("Egen læge (ydernummer)"), max_length=32, required=False)
    kind = forms.ChoiceField(label=_("Indlæggelsestype"), choices=choices_with_blank(Course.Kind.choices))
    department = forms.ModelChoiceField(label=_("Afdeling"), queryset=Organisation.objects.none())
    admitted_at = when_field(_("Indlagt"), now=True)
    episode_of_care_id = forms.CharField(label=_("Forløbs-id fra EPJ"), max_length=80, required=False)
    room = forms.CharField(label=_("Stue"), max_length=20, required=False)
    bed = forms.CharField(label=_("Seng"), max_length=20, required=False)
    # Shown only when a known citizen's stored master data differ from those typed (see the template).
    update_master_data = forms.BooleanField(
        label=_("Opdatér borgerens stamdata"),
        required=False,
        help_text=_("Erstatter de registrerede stamdata med de indtastede. Ændringen logges."),
    )
    master_data_reason = forms.CharField(
        label=_("Begrundelse for ændringen"), max_length=300, required=False, help_text=_("Fx flyttet.")
    )
    CONFIRMATION_FIELDS = ("update_master_data", "master_data_reason")

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # the departments the actor acts for: its own, or every department of its hospital unit
        departments = Organisation.objects.filter(kind="department", pk__in=actor.organisation_ids)
        field = self.fields["department"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = departments.select_related("parent").order_by("parent__name", "name")
        # a department's own staff admit to their department: it is chosen already
        acting = actor.acting_organisation
        if acting is not None and acting.kind == Organisation.Kind.DEPARTMENT:
            field.initial = acting.pk

    def clean_gp_code(self) -> Organisation | None:
        code = self.cleaned_data.get("gp_code", "").strip()
        if not code:
            return None
        practice = Organisation.objects.filter(kind="practice", code=code).first()
        if practice is None:
            raise forms.ValidationError(_("Ukendt ydernummer."))
        return practice


class ContactPersonForm(DesignSystemForm):
    name = forms.CharField(label=_("Navn"), max_length=200)
    role = forms.CharField(label=_("Funktion"), max_length=100, required=False)
    phone = forms.CharField(label=_("Telefon"), max_length=40)


class PlaceForm(DesignSystemForm):
    """The room and bed of the current stay, as the ward names them; blank clears them."""

    room = forms.CharField(label=_("Stue"), max_length=20, required=False, help_text=_("Fx 4 eller 12B."))
    bed = forms.CharField(label=_("Seng"), max_length=20, required=False)


class ConsentForm(DesignSystemForm):
    given_by = forms.ChoiceField(label=_("Givet af"), choices=Consent.GivenBy.choices)
    given_by_name = forms.CharField(label=_("Navn (pårørende/værge)"), max_length=200, required=False)
    given_at = when_field(_("Tidspunkt"), now=True)
    # never ticked beforehand: the person recording the consent affirms each sharing herself
    to_municipality = forms.BooleanField(label=_("Deling med bopælskommunen"), required=False)
    to_gp = forms.BooleanField(label=_("Deling med egen læge"), required=False)


class WhenForm(DesignSystemForm):
    at = when_field(_("Tidspunkt"))
    note = forms.CharField(label=_("Bemærkning"), max_length=300, required=False)


class CancelForm(DesignSystemForm):
    reason = forms.CharField(
        label=_("Årsag"),
        max_length=300,
        required=False,  # the service refuses a missing reason in Danish
        help_text=_("Fx registreret ved en fejl, eller indlæggelsen blev ikke til noget."),
    )


class TransferForm(DesignSystemForm):
    department = forms.ModelChoiceField(
        label=_("Til afdeling"),
        queryset=Organisation.objects.filter(kind="department", is_active=True)
        .select_related("parent")
        .order_by("parent__name", "name"),
    )
    at = when_field(_("Overflyttet"))


class AdmissionReportForm(DesignSystemForm):
    functional_level = forms.CharField(label=_("Funktionsniveau"), widget=forms.Textarea)
    home_care_received = forms.CharField(
        label=_("Modtaget hjemmepleje"), widget=forms.Textarea, required=False
    )
    medication = forms.CharField(label=_("Medicin"), widget=forms.Textarea, required=False)
    dose_dispensed = forms.BooleanField(label=_("Medicinen er dosisdispenseret"), required=False)
    aids = forms.CharField(label=_("Hjælpemidler i brug"), widget=forms.Textarea, required=False)
    relatives = forms.CharField(label=_("Pårørende"), widget=forms.Textarea, required=False)
    contact = forms.CharField(label=_("Kontaktoplysninger"), widget=forms.Textarea, required=False)


class InformationRequestForm(DesignSystemForm):
    recipient = forms.ModelChoiceField(label=_("Til"), queryset=Organisation.objects.none())
    question = forms.CharField(label=_("Spørgsmål"), widget=forms.Textarea)
    author_phone = forms.CharField(label=_("Dit telefonnummer"), max_length=40, required=False)

    def __init__(self, *args: Any, course: Course, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids = [course.citizen.municipality_id] + (
            [course.citizen.gp_practice_id] if course.citizen.gp_practice_id else []
        )
        self.fields["recipient"].queryset = Organisation.objects.filter(pk__in=ids)  # type: ignore[attr-defined]


class ReplyForm(DesignSystemForm):
    reply = forms.CharField(label=_("Svar"), widget=forms.Textarea)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class MessageForm(DesignSystemForm):
    category = forms.ChoiceField(label=_("Kategori"), choices=Thread.Category.choices)
    topic = forms.CharField(label=_("Emne"), max_length=200, required=False)
    recipient = forms.ModelChoiceField(label=_("Til"), queryset=Organisation.objects.none())
    body = forms.CharField(label=_("Tekst"), widget=forms.Textarea)
    author_phone = forms.CharField(label=_("Dit telefonnummer"), max_length=40)
    attachments = MultipleFileField(label=_("Bilag (PDF, PNG, JPEG)"), required=False)

    def __init__(self, *args: Any, recipients: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            pk__in=[o.pk for o in recipients]
        ).select_related("parent")
        self.fields["attachments"].widget.attrs["class"] = "form-file-input"


class MessageReplyForm(MessageForm):
    """Reply or forward: the thread keeps its category; a forward chooses a recipient."""

    def __init__(self, *args: Any, forward: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["category"]
        del self.fields["topic"]
        if not forward:
            del self.fields["recipient"]


class CitizenLookupForm(DesignSystemForm):
    """The regional secretariat's look-up of one citizen, for a stated purpose (it has no care relation)."""

    cpr = forms.CharField(label=_("CPR-nummer"), max_length=11, help_text=_("DDMMÅÅ-XXXX"))
    purpose = forms.ChoiceField(label=_("Formål"), choices=LookupPurpose.choices)
    reference = forms.CharField(
        label=_("Sagens journalnummer eller reference"),
        max_length=200,
        help_text=_("Opslaget logges med formål og reference og giver adgang i en begrænset tid."),
    )
