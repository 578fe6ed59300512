"""Masking of CPR numbers wherever text leaves the application (logs, audit diffs)."""

import logging
import re

# DDMMYY-SSSS, DDMMYYSSSS and the health sector's replacement CPR DDMMYY + digit + two letters + digit.
CPR_PATTERN = re.compile(r"\b(\d{6})-?(\d{4}|\d[A-Za-z]{2}\d)\b")


def mask_cpr(text: str) -> str:
    """Return ``text`` with every CPR number reduced to its date part: ``010203-xxxx``."""
    return CPR_PATTERN.sub(lambda m: f"{m.group(1)}-xxxx", text)


class MaskCprFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_cpr(record.getMessage())
        record.args = None
        return True
