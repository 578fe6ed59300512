"""Form building blocks shared by every area: Danish date inputs, Det Fælles Designsystem widget classes,
and the one way a service's ``DomainError`` becomes a form error."""

from datetime import datetime
from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django_stubs_ext import StrOrPromise

from sundhedsaftale.errors import DomainError
from sundhedsaftale.limits import FREE_TEXT_MAX_LENGTH, SHORT_TEXT_MAX_LENGTH

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"]
DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def date_field(label: StrOrPromise, required: bool = True, help_text: StrOrPromise = "") -> forms.DateField:
    """Return a date field with the browser's date picker that also accepts Danish dd.mm.yyyy."""
    return forms.DateField(
        label=label, required=required, input_formats=DATE_FORMATS, widget=DateInput(), help_text=help_text
    )


def now_to_the_minute() -> datetime:
    """The local time now without seconds: the value a time field starts with when it records what just
    happened (an admission, a consent, a discharge), so the person types nothing when it is now."""
    return timezone.localtime().replace(second=0, microsecond=0)


def when_field(label: StrOrPromise, required: bool = True, now: bool = False) -> forms.DateTimeField:
    """Return a date-and-time field (local time) that also accepts Danish dd.mm.yyyy hh:mm; ``now``: it starts
    at the current minute."""
    return forms.DateTimeField(
        label=label,
        required=required,
        input_formats=DATETIME_FORMATS,
        widget=DateTimeLocalInput(),
        initial=now_to_the_minute if now else None,
    )


def choices_with_blank(choices: Any, label: StrOrPromise = "Vælg …") -> list[tuple[str, StrOrPromise]]:
    """The choices after an empty first option: a required choice nobody has made is an error, not the first
    option chosen silently."""
    return [("", label), *choices]


def form_add_domain_error(form: forms.Form, error: DomainError) -> None:
    """Show the service's Danish message on its field (or on the form when the field is not in it)."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


def text_field_limit(field: forms.Field) -> None:
    """Give a text field without a ``max_length`` one: ``FREE_TEXT_MAX_LENGTH`` for a text area, ``SHORT_TEXT_MAX_LENGTH``
    for a one-line input. Nothing a person types is unbounded (the browser stops at ``maxlength`` too)."""
    if not isinstance(field, forms.CharField) or field.max_length is not None:
        return
    limit = FREE_TEXT_MAX_LENGTH if isinstance(field.widget, forms.Textarea) else SHORT_TEXT_MAX_LENGTH
    field.max_length = limit
    field.validators.append(MaxLengthValidator(limit))
    field.widget.attrs.setdefault("maxlength", str(limit))


def design_system_widgets(form: forms.BaseForm) -> None:
    """Give every widget of ``form`` its Det Fælles Designsystem class and every text field a length limit.

    Checkboxes and radio buttons get DKFDS's input classes; ``templates/forms/field.html`` then draws them in
    DKFDS's own markup (the input followed at once by its label, inside ``.form-group-checkbox/-radio``)."""
    for field in form.fields.values():
        text_field_limit(field)
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-checkbox")
        elif isinstance(widget, forms.RadioSelect):
            widget.attrs.setdefault("class", "form-radio")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        elif isinstance(widget, forms.Textarea):
            widget.attrs.setdefault("class", "form-input")
            widget.attrs.setdefault("rows", 3)
        elif isinstance(widget, forms.FileInput):
            widget.attrs.setdefault("class", "form-file-input")
        else:
            widget.attrs.setdefault("class", "form-input")


class DesignSystemForm(forms.Form):
    """Adds Det Fælles Designsystem classes to the widgets, and a length limit to every text field.
    Render its fields with ``{% include "forms/field.html" %}``."""

    # True on a form whose fields are optional while drafting but needed later (the rehab plan)
    hide_optional_marks = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        design_system_widgets(self)


class DesignSystemModelForm(forms.ModelForm):
    """``DesignSystemForm`` for a model form."""

    hide_optional_marks = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        design_system_widgets(self)
