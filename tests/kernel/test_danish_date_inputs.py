"""Date inputs do not depend on the browser's language (issue 11): a person types 27.11.2026 (or 27-11-2026,
27/11/2026; ISO from older clients), a moment as 27.11.2026 13.00, and sees the same back; anything else is a
Danish error, and digits of other scripts are refused, not silently read."""

import importlib
import pkgutil
from datetime import date, datetime
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings

from sundhedsaftale.danish_dates import date_parse, moment_parse
from sundhedsaftale.forms import DanishDateField, DanishDateTimeField, date_field, when_field
from sundhedsaftale.workdays import TZ


@pytest.mark.parametrize(
    "typed", ["27.11.2026", "27-11-2026", "27/11/2026", " 27.11.2026 ", "2026-11-27", "27112026"]
)
def test_a_date_is_read_the_danish_way(typed: str) -> None:
    assert date_parse(typed) == date(2026, 11, 27)


def test_a_date_without_leading_zeros_is_day_then_month() -> None:
    assert date_parse("7.1.2026") == date(2026, 1, 7)


@pytest.mark.parametrize(
    "typed",
    [
        "31.02.2026",  # no such day
        "11/27/2026",  # the American order
        "27.11.26",  # a two-digit year
        "٢٧.١١.٢٠٢٦",  # Arabic-Indic digits
        "２７.１１.２０２６",  # full-width digits
        "27.11-2026",  # mixed separators
        "i morgen",
    ],
)
def test_what_is_no_danish_date_is_refused(typed: str) -> None:
    assert date_parse(typed) is None


@pytest.mark.parametrize(
    "typed",
    [
        "27.11.2026 13.00",
        "27.11.2026 13:00",
        "27.11.2026 kl. 13.00",
        "27-11-2026 13.00",
        "27.11.2026 1300",
        "2026-11-27T13:00",
        "2026-11-27 13:00:00",
        "2026-11-27T12:00:00+00:00",
    ],
)
def test_a_moment_is_read_as_copenhagen_time(typed: str) -> None:
    assert moment_parse(typed) == datetime(2026, 11, 27, 13, 0, tzinfo=TZ)


@pytest.mark.parametrize("typed", ["27.11.2026", "27.11.2026 24.00", "27.11.2026 13.60", "٢٧.١١.٢٠٢٦ 13.00"])
def test_what_is_no_moment_is_refused(typed: str) -> None:
    assert moment_parse(typed) is None


class Dates(forms.Form):
    on = date_field("Dato")
    at = when_field("Tidspunkt", required=False)


def test_the_input_is_text_with_the_number_pad_and_a_visible_hint() -> None:
    form = Dates(initial={"on": date(2026, 11, 27), "at": datetime(2026, 11, 27, 12, 5, tzinfo=TZ)})
    html = str(form["on"])
    assert 'type="text"' in html and 'inputmode="numeric"' in html and 'autocomplete="off"' in html
    assert 'value="27.11.2026"' in html
    assert 'value="27.11.2026 12.05"' in str(form["at"])
    assert form["on"].help_text == "dd.mm.åååå" and form["at"].help_text == "dd.mm.åååå tt.mm"


@pytest.mark.parametrize("typed", ["31.02.2026", "٢٧.١١.٢٠٢٦", "11/27/2026"])
def test_a_bad_date_is_a_danish_form_error(typed: str) -> None:
    form = Dates(data={"on": typed, "at": "27.11.2026 kl 25"})
    assert not form.is_valid()
    assert form.errors["on"] == ["Skriv datoen som dd.mm.åååå, fx 27.11.2026."]
    assert form.errors["at"] == ["Skriv tidspunktet som dd.mm.åååå tt.mm, fx 27.11.2026 13.00."]


@pytest.mark.parametrize("typed", ["01.01.0001", "01.01.0042", "31.12.1869", "01.01.2200"])
def test_a_year_no_record_can_carry_is_named(typed: str) -> None:
    form = Dates(data={"on": typed, "at": f"{typed} 10.00"})
    assert not form.is_valid()
    assert str(form.errors["on"][0]).startswith(
        f"Datoen {typed} er ikke troværdig; skriv året med fire cifre"
    )
    assert str(form.errors["at"][0]).startswith(f"Datoen {typed} er ikke troværdig")


def test_a_danish_date_keeps_the_fields_own_help_text() -> None:
    assert str(date_field("Frist", help_text="Tom: i dag.").help_text) == "Tom: i dag. (dd.mm.åååå)"


def _project_forms() -> list[type[forms.BaseForm]]:
    """Every form class of the project's apps that people fill in (the Django admin localises its own)."""
    ours = [
        config
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(settings.BASE_DIR) and ".venv" not in Path(config.path).parts
    ]
    for config in ours:
        if any(module.name == "forms" for module in pkgutil.iter_modules([config.path])):
            importlib.import_module(f"{config.name}.forms")
    roots = {config.name.split(".")[0] for config in ours}
    found: list[type[forms.BaseForm]] = []
    pending: list[type[forms.BaseForm]] = [forms.BaseForm]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        module = cls.__module__
        if module.split(".")[0] in roots and not module.endswith(".admin"):
            found.append(cls)
    return found


def test_every_date_field_of_every_form_is_a_danish_one() -> None:
    checked, wrong = 0, []
    for form in _project_forms():
        for name, field in getattr(form, "base_fields", {}).items():
            if isinstance(field, forms.DateTimeField):
                checked += 1
                if not isinstance(field, DanishDateTimeField):
                    wrong.append(f"{form.__module__}.{form.__name__}.{name}")
            elif isinstance(field, forms.DateField):
                checked += 1
                if not isinstance(field, DanishDateField):
                    wrong.append(f"{form.__module__}.{form.__name__}.{name}")
    assert checked > 30  # the walk found the product's forms
    assert wrong == []


def test_no_template_asks_the_browser_for_its_own_date_picker() -> None:
    templates = Path(settings.BASE_DIR) / "templates"
    offending = [
        str(path.relative_to(templates))
        for path in templates.rglob("*.html")
        if 'type="date"' in path.read_text() or 'type="datetime-local"' in path.read_text()
    ]
    assert offending == []
