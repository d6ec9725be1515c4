"""Checks for filter values, shared by the CLI and the API so both refuse the same things
with the same words: a misspelt choice lists the allowed ones, a bad date shows its form."""
from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from .errors import InvalidRequest

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def choice(name: str, value: str | None, allowed: Sequence[str]) -> str | None:
    """``value`` folded to lower case if it is one of ``allowed``; None when not given."""
    if value is None or value == "":
        return None
    value = value.strip().lower()
    if value not in allowed:
        raise InvalidRequest(f"{name} must be one of {', '.join(allowed)}, got {value!r}")
    return value


def iso_date(name: str, value: date | str | None) -> str | None:
    """An ISO date as precise as given (YYYY, YYYY-MM or YYYY-MM-DD); None when not given."""
    if value is None or value == "":
        return None
    text = value.isoformat() if isinstance(value, date) else str(value).strip()
    if not _DATE.match(text):
        raise InvalidRequest(f"{name} must be a date YYYY-MM-DD, got {text!r}")
    return text
