"""Forms of the rehab screens: the plan editor (annex 3.2) and the receiver's actions."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from rehab.diagnoses import icd10_meaning, icd10_normalise, icd10_validate, sks_validate
from rehab.models import AdvanceNotice, CapacityNotice, FirstContact, PlanVersion, RehabCourse
from rehab.plan_rows import PLAN_ROWS, Row, plan_row_clean
from sundhedsaftale.forms import DesignSystemForm, DesignSystemModelForm, date_field, design_system_widgets
from sundhedsaftale.organisations.models import Organisation

SECONDARY_ROWS = 3  # the template has two rows; one more for comorbidity
INTERVENTION_ROWS = 5  # annex 3.2, item 10: five SKS rows
MEASUREMENT_ROWS = 4
# the numbered row fields of the editor: prefix, the version's list, how many rows
ROW_LISTS = (
    ("secondary", "secondary_diagnoses", SECONDARY_ROWS),
    ("intervention", "interventions", INTERVENTION_ROWS),
    ("measurement", "measurements", MEASUREMENT_ROWS),
)

TEXT = forms.Textarea(attrs={"rows": 3, "class": "form-input"})

PLAN_FIELDS = [
    "recipient_municipality",
    "recipient_hospital",
    "gp_practice",
    "diagnosis_code",
    "diagnosis_text",
    "health_state",
    "language",
    "wheelchair",
    "transport_need",
    "practical_info",
    "admission_date",
    "discharge_date",
    "plan_type",
    "specialised_reason",
    "outpatient_control",
    "outpatient_control_where",
    "outpatient_control_when",
    "contact_patient_on",
    "before_body",
    "before_activity",
    "before_environment",
    "interventions_note",
    "discharge_body",
    "discharge_activity",
    "discharge_environment",
    "need_body",
    "need_activity",
    "need_environment",
    "aids_handed_out",
    "supplementary",
    "sender_department",
    "doctor_name",
    "doctor_phone",
    "author_name",
    "author_phone",
    "author_email",
    "municipal_contact_name",
    "municipal_contact_phone",
    "municipal_contact_address",
    "trainer_name",
    "trainer_phone",
    "appointment_at",
    "appointment_place",
    "appointment_weeks",
    "training_form",
    "appointment_phone",
]


class PlanVersionForm(DesignSystemModelForm):
    """The whole plan; repeated rows (bidiagnoses, SKS codes, measurements) are numbered fields packed into
    the version's structured lists. Valid fields are saved even when others are not (autosave)."""

    # every field may be empty while drafting; "Mangler" above the form says what finishing needs
    hide_optional_marks = True

    class Meta:
        model = PlanVersion
        fields = PLAN_FIELDS
        widgets = {
            "plan_type": forms.RadioSelect,
            "outpatient_control": forms.RadioSelect,
            **{
                name: TEXT
                for name in (
                    "health_state",
                    "practical_info",
                    "interventions_note",
                    "aids_handed_out",
                    "supplementary",
                    "before_body",
                    "before_activity",
                    "before_environment",
                    "discharge_body",
                    "discharge_activity",
                    "discharge_environment",
                    "need_body",
                    "need_activity",
                    "need_environment",
                )
            },
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = {
            "recipient_municipality": ["municipality"],
            "recipient_hospital": ["hospital"],
            "gp_practice": ["practice"],
            "sender_department": ["department"],
        }
        for name, kind in kinds.items():
            field = self.fields[name]
            queryset = Organisation.objects.filter(kind__in=kind, is_active=True).select_related("parent")
            field.queryset = queryset  # type: ignore[attr-defined]
        for name in ("plan_type", "outpatient_control"):
            field = self.fields[name]
            field.required = False
            field.choices = [choice for choice in field.choices if choice[0]]  # type: ignore[attr-defined]
        version: PlanVersion = self.instance
        for i in range(SECONDARY_ROWS):
            self.fields[f"secondary_{i}_code"] = forms.CharField(
                label=_("Bidiagnose (ICD-10)"), required=False, validators=[icd10_validate]
            )
            self.fields[f"secondary_{i}_text"] = forms.CharField(label=_("Kodebetydning"), required=False)
        for i in range(INTERVENTION_ROWS):
            self.fields[f"intervention_{i}_code"] = forms.CharField(
                label=_("SKS-kode"), required=False, validators=[sks_validate]
            )
            self.fields[f"intervention_{i}_text"] = forms.CharField(label=_("Beskrivelse"), required=False)
        for i in range(MEASUREMENT_ROWS):
            self.fields[f"measurement_{i}_test"] = forms.CharField(label=_("Test"), required=False)
            self.fields[f"measurement_{i}_date"] = date_field(_("Dato"), required=False)
            self.fields[f"measurement_{i}_score"] = forms.CharField(label=_("Score"), required=False)
        if not self.is_bound:
            for prefix, rows in (
                ("secondary", version.secondary_diagnosis_rows),
                ("intervention", version.intervention_rows),
                ("measurement", version.measurement_rows),
            ):
                for i, row in enumerate(rows):
                    for key, value in row.items():
                        self.initial[f"{prefix}_{i}_{key}"] = value
        design_system_widgets(self)  # the numbered row fields, added after the base class styled the others

    def clean_diagnosis_code(self) -> str:
        code = self.cleaned_data.get("diagnosis_code", "")
        icd10_validate(code)
        return icd10_normalise(code) if code else ""

    def row_groups(self) -> dict[str, list[list[forms.BoundField]]]:
        """The numbered row fields, grouped per row for the template."""
        return {
            "secondary": [
                [self[f"secondary_{i}_code"], self[f"secondary_{i}_text"]] for i in range(SECONDARY_ROWS)
            ],
            "intervention": [
                [self[f"intervention_{i}_code"], self[f"intervention_{i}_text"]]
                for i in range(INTERVENTION_ROWS)
            ],
            "measurement": [
                [self[f"measurement_{i}_test"], self[f"measurement_{i}_date"], self[f"measurement_{i}_score"]]
                for i in range(MEASUREMENT_ROWS)
            ],
        }

    def clean(self) -> dict[str, Any]:
        """Pack the numbered rows into the version's lists with the same row rules as the API
        (``rehab.plan_rows``); an invalid row marks its fields and leaves its list out of the content."""
        cleaned = super().clean() or {}
        self.packed: dict[str, list[Row]] = {}
        for prefix, name, count in ROW_LISTS:
            rows = self._rows(prefix, name, count)
            if rows is not None:
                self.packed[name] = rows
        return cleaned

    def content(self) -> dict[str, Any]:
        """Return the valid content: plain fields and the packed lists (a list is left out if a row is invalid)."""
        data = {name: value for name, value in self.cleaned_data.items() if name in PLAN_FIELDS}
        if (
            "diagnosis_code" in data
            and data["diagnosis_code"]
            and not self.cleaned_data.get("diagnosis_text")
        ):
            data["diagnosis_text"] = icd10_meaning(data["diagnosis_code"])
        data.update(getattr(self, "packed", {}))
        return data

    def _rows(self, prefix: str, name: str, count: int) -> list[Row] | None:
        keys = [column.key for column in PLAN_ROWS[name]]
        rows: list[Row] = []
        valid = True
        for i in range(count):
            fields = {key: f"{prefix}_{i}_{key}" for key in keys}
            if any(field in self.errors for field in fields.values()):
                valid = False
                continue
            values = {key: self.cleaned_data.get(field) or "" for key, field in fields.items()}
            row = {
                key: value.isoformat() if hasattr(value, "isoformat") else str(value).strip()
                for key, value in values.items()
            }
            if not any(row.values()):
                continue
            try:
                rows.append(plan_row_clean(name, row))
            except ValidationError as error:
                valid = False
                for key, messages in error.message_dict.items():
                    for message in messages:
                        self.add_error(fields[key], message)
        return rows if valid else None


class SendForm(DesignSystemForm):
    """The citizen's agreement to each sending. Never ticked beforehand: the person sending affirms it; a consent
    already recorded on the course is named in the hint."""

    consent_municipality = forms.BooleanField(
        label=_("Borgeren har givet tilsagn til at sende planen til kommunen"), required=False
    )
    consent_hospital = forms.BooleanField(
        label=_("Borgeren har givet tilsagn til at sende planen til hospitalet"), required=False
    )
    consent_gp = forms.BooleanField(
        label=_("Borgeren har givet tilsagn til at sende en kopi til egen læge"), required=False
    )

    def __init__(self, *args: Any, recorded: set[str] | frozenset[str] = frozenset(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for party in recorded:
            field = self.fields.get(f"consent_{party}")
            if field is not None:
                field.help_text = _("Forløbets samtykke dækker deling med denne modtager.")


class CorrectForm(DesignSystemForm):
    correction_reason = forms.CharField(label=_("Hvorfor rettes planen?"), max_length=300)


class FirstContactForm(DesignSystemModelForm):
    class Meta:
        model = FirstContact
        fields = [
            "contacted_at",
            "method",
            "contacted_by_name",
            "offer_place",
            "offer_provider",
            "offer_form",
            "expected_start",
            "waiting_days",
            "note",
        ]
        widgets = {
            "note": TEXT,
        }


class ForwardForm(DesignSystemForm):
    to = forms.ModelChoiceField(label=_("Videresend til"), queryset=Organisation.objects.none())
    consent = forms.BooleanField(label=_("Borgeren har givet tilsagn til videresendelsen"), required=False)
    reason = forms.CharField(label=_("Borgerens valg / bemærkning"), required=False, max_length=200)

    def __init__(self, *args: Any, kinds: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = Organisation.objects.filter(kind__in=kinds, is_active=True)  # type: ignore[attr-defined]


class DeclineForm(DesignSystemForm):
    reason = forms.CharField(label=_("Årsag (kapacitet)"), max_length=300, widget=TEXT)


class RehabCourseForm(DesignSystemModelForm):
    class Meta:
        model = RehabCourse
        fields = [
            "level",
            "provider_kind",
            "provider_name",
            "patient_group",
            "services",
            "healing_days",
            "started_on",
        ]
        widgets = {"services": TEXT}


class RehabCourseEndForm(DesignSystemForm):
    ended_on = date_field(_("Slutdato"))
    services = forms.CharField(label=_("Leverede ydelser"), widget=TEXT, required=False)


class AdvanceNoticeForm(DesignSystemModelForm):
    """Advance notice of expected rehab (2.1.5); the therapy department is one of the course's hospital."""

    class Meta:
        model = AdvanceNotice
        fields = [
            "diagnosis_code",
            "diagnosis_text",
            "operation_type",
            "operation_date",
            "expected_discharge",
            "therapy_department",
        ]

    def __init__(self, *args: Any, hospital: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["therapy_department"]
        field.queryset = (  # type: ignore[attr-defined]
            Organisation.objects.filter(pk=hospital.pk) | Organisation.objects.filter(parent=hospital)
        ).select_related("parent")
        field.required = False
        field.help_text = _("Uden valg: hospitalets terapiafdeling (%(hospital)s).") % {"hospital": hospital}
        self.fields["diagnosis_code"].widget.attrs["list"] = "icd10-codes"

    def clean_diagnosis_code(self) -> str:
        code = self.cleaned_data.get("diagnosis_code", "")
        icd10_validate(code)
        return icd10_normalise(code)


class FinalStatusForm(DesignSystemForm):
    summary = forms.CharField(label=_("Afsluttende status"), widget=TEXT)
    functional_level = forms.CharField(label=_("Funktionsniveau ved afslutning"), widget=TEXT, required=False)
    continued_need = forms.CharField(
        label=_("Fortsat behov (almen genoptræning)"), widget=TEXT, required=False
    )
    ended_on = date_field(_("Slutdato"), required=False)


class CapacityNoticeForm(DesignSystemModelForm):
    class Meta:
        model = CapacityNotice
        fields = ["kind", "receiver", "description", "effective_on"]
        widgets = {"description": TEXT}

    def clean_effective_on(self) -> Any:
        value = self.cleaned_data["effective_on"]
        if value is None:
            raise ValidationError(_("Angiv hvornår ændringen træder i kraft."))
        return value
