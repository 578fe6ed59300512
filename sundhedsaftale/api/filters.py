"""Filters whose values the database can always take: a bad value is a 400 naming the parameter."""

from datetime import datetime, timedelta
from typing import Any

import django_filters
from django import forms
from django_filters.fields import IsoDateTimeField

#: PostgreSQL's timestamptz takes offsets up to ±15:59
MAX_OFFSET = timedelta(hours=15, minutes=59)


class BoundedIsoDateTimeField(IsoDateTimeField):
    """An ISO 8601 date-time whose UTC offset and year the database can store."""

    default_error_messages = {
        "invalid": "Ikke et ISO 8601-tidspunkt (fx 2025-04-15T08:00:00+02:00).",
        "offset": "Tidszonen skal ligge mellem -15:59 og +15:59.",
    }

    def strptime(self, value: str, format: str) -> datetime:
        try:
            return super().strptime(value, format)
        except (OverflowError, ValueError) as exc:
            raise ValueError(str(exc)) from None

    def to_python(self, value: Any) -> datetime | None:
        try:
            result = super().to_python(value)
        except (OverflowError, ValueError):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        offset = result.utcoffset() if result is not None else None
        if offset is not None and abs(offset) > MAX_OFFSET:
            raise forms.ValidationError(self.error_messages["offset"], code="offset")
        if result is not None and not 1 < result.year < 9999:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return result


class IsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = BoundedIsoDateTimeField
