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


# -- what one request may ask for (issue 12: every request has a bounded cost) ----------------

MAX_TEXT_CHARS = 200        # a country, a holder or the words to look for
MAX_QUERY_WORDS = 8         # words to look for: each is one index lookup, all intersected
MAX_OFFSET = 10_000_000     # beyond any real list; larger values overflow SQLite's and PostgreSQL's integers
MAX_ID_CHARS = 200          # a record id in a URL (ids are short hashes)

_WORD = re.compile(r"[^\W_]+")


def text(name: str, value: str | None, *, max_chars: int = MAX_TEXT_CHARS) -> str | None:
    """Words as given, stripped; None for nothing. Refused: a NUL character (PostgreSQL cannot
    store or compare one) and more than ``max_chars`` characters."""
    if value is None:
        return None
    value = str(value).strip()
    if "\x00" in value:
        raise InvalidRequest(f"{name} must not contain a NUL character")
    if len(value) > max_chars:
        raise InvalidRequest(f"{name} must be at most {max_chars} characters, got {len(value):,}")
    return value or None


def query(name: str, value: str | None) -> str | None:
    """Words to look for: ``text`` with at most MAX_QUERY_WORDS words, so a search costs a
    bounded number of index lookups however long the query."""
    value = text(name, value)
    if value is not None:
        words = len(_WORD.findall(value))
        if words > MAX_QUERY_WORDS:
            raise InvalidRequest(f"{name} must have at most {MAX_QUERY_WORDS} words, got {words:,}")
    return value


def record_id(name: str, value: str) -> str:
    """A record id from a URL: refused when it could not be an id (NUL, overlong)."""
    if "\x00" in value or len(value) > MAX_ID_CHARS:
        raise InvalidRequest(f"{name} is not a valid id")
    return value


def whole_number(name: str, value: int, *, lo: int, hi: int) -> int:
    """An int within ``lo..hi`` (bools refused), so no database is handed one it cannot hold."""
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise InvalidRequest(f"{name} must be between {lo:,} and {hi:,}")
    return value
