"""Form building blocks shared by every area: Danish date inputs, Det Fælles Designsystem widget classes,
and the one way a service's ``DomainError`` becomes a form error."""

from datetime import date, datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.text import format_lazy
from django_stubs_ext import StrOrPromise

from sundhedsaftale.danish_dates import (
    DATE_ERROR,
    DATE_HINT,
    MOMENT_ERROR,
    MOMENT_HINT,
    date_implausible,
    date_parse,
    date_show,
    moment_parse,
    moment_show,
)
from sundhedsaftale.errors import DomainError
from sundhedsaftale.limits import FREE_TEXT_MAX_LENGTH, SHORT_TEXT_MAX_LENGTH


class DateInput(forms.TextInput):
    """A date as a person types it in Denmark, ``27.11.2026``, whatever language the browser speaks (a
    ``type="date"`` input shows mm/dd/yyyy in an English browser). The number pad on a phone; no autofill."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"inputmode": "numeric", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, datetime):
            return date_show(value.date())
        if isinstance(value, date):
            return date_show(value)
        if isinstance(value, str) and (parsed := date_parse(value)):
            return date_show(parsed)  # an ISO date kept as text (the rehab plan's rows), or one typed
        return super().format_value(value)


class DateTimeLocalInput(DateInput):
    """A date and a time as a person types them in Denmark, ``27.11.2026 13.00`` (Copenhagen time)."""

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, datetime):
            return moment_show(value)
        if isinstance(value, str) and (parsed := moment_parse(value)):
            return moment_show(parsed)
        return super().format_value(value)


def _hinted(hint: StrOrPromise, help_text: StrOrPromise) -> StrOrPromise:
    """The field's help text followed by the format to type."""
    return format_lazy("{} ({})", help_text, hint) if help_text else hint


class DanishDateField(forms.DateField):
    """A date typed the Danish way (``sundhedsaftale.danish_dates``); anything else is a Danish form error."""

    widget = DateInput
    default_error_messages = {"invalid": DATE_ERROR}

    def __init__(self, **kwargs: Any) -> None:
        kwargs["help_text"] = _hinted(DATE_HINT, kwargs.get("help_text", ""))
        kwargs.pop("input_formats", None)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        parsed = date_parse(str(value))
        if parsed is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if message := date_implausible(parsed):
            raise ValidationError(message, code="implausible")
        return parsed


class DanishDateTimeField(forms.DateTimeField):
    """A date and time typed the Danish way, read as Copenhagen time; anything else is a Danish form error."""

    widget = DateTimeLocalInput
    default_error_messages = {"invalid": MOMENT_ERROR}

    def __init__(self, **kwargs: Any) -> None:
        kwargs["help_text"] = _hinted(MOMENT_HINT, kwargs.get("help_text", ""))
        kwargs.pop("input_formats", None)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> datetime | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value if timezone.is_aware(value) else timezone.make_aware(value)
        parsed = moment_parse(str(value))
        if parsed is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if message := date_implausible(parsed.date()):
            raise ValidationError(message, code="implausible")
        return parsed


def danish_formfield(db_field: "models.Field[Any, Any]", **kwargs: Any) -> forms.Field | None:
    """A model form's field, with every date and date-time field read and shown the Danish way (the
    ``formfield_callback`` of ``DesignSystemModelForm``); a widget the form names for it is replaced."""
    if isinstance(db_field, models.DateTimeField):
        kwargs.pop("widget", None)
        return db_field.formfield(form_class=DanishDateTimeField, **kwargs)
    if isinstance(db_field, models.DateField):
        kwargs.pop("widget", None)
        return db_field.formfield(form_class=DanishDateField, **kwargs)
    return db_field.formfield(**kwargs)


def date_field(label: StrOrPromise, required: bool = True, help_text: StrOrPromise = "") -> forms.DateField:
    """Return a date field a person fills in as dd.mm.åååå (ISO åååå-mm-dd is read too)."""
    return DanishDateField(label=label, required=required, help_text=help_text)


def now_to_the_minute() -> datetime:
    """The local time now without seconds: the value a time field starts with when it records what just
    happened (an admission, a consent, a discharge), so the person types nothing when it is now."""
    return timezone.localtime().replace(second=0, microsecond=0)


def when_field(label: StrOrPromise, required: bool = True, now: bool = False) -> forms.DateTimeField:
    """Return a date-and-time field (Copenhagen time) a person fills in as dd.mm.åååå tt.mm; ``now``: it starts
    at the current minute."""
    return DanishDateTimeField(label=label, required=required, initial=now_to_the_minute if now else None)


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
        elif isinstance(widget, DateInput):
            # wide enough for "27.11.2026" (or "27.11.2026 13.00"), not the page's width
            width = "input-width-s" if isinstance(widget, DateTimeLocalInput) else "input-width-xs"
            widget.attrs.setdefault("class", f"form-input {width}")
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
    """``DesignSystemForm`` for a model form; its date and date-time fields are the Danish ones."""

    hide_optional_marks = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # runs before the metaclass reads ``Meta`` (Django reads ``formfield_callback`` from the form's own Meta)
        meta = cls.__dict__.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = staticmethod(danish_formfield)
        super().__init_subclass__(**kwargs)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        design_system_widgets(self)
