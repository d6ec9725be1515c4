"""Publication dates from metadata: ISO dates, ISO datetimes, RFC 2822 feed dates.

A date that cannot be read is simply unknown (None): the article is still useful, and
the extractor then dates events from the text alone.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def parse_published(value: object) -> date | None:
    """The calendar date as the source states it (a datetime's own day, not converted to UTC)."""
    try:
        return _parse(value)
    except Exception:   # noqa: BLE001 -- any odd value (huge year, stray bytes) is an unknown date
        return None


def _parse(value: object) -> date | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    if _ISO_DATETIME.match(text):
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00")).date()
        except ValueError:
            pass
    m = _ISO_DAY.fullmatch(text) or _ISO_DAY.match(text)
    if m and (m.end() == len(text) or not text[m.end()].isdigit()):
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    if "," in text or re.search(r"[A-Za-z]{3}", text):
        try:
            return parsedate_to_datetime(text).date()
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    return None
