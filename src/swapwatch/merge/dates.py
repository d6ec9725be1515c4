"""Partial ISO dates (YYYY, YYYY-MM, YYYY-MM-DD) as intervals.

Sources state dates at different precisions ("in February" vs "on 14 February"), so
records are compared at the coarser of the two and a month is an interval, not a day.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

DAY_SLACK = 2          # two day-precise dates this close may be one event (time zones, late reports)
PRECISION_RANK = {"day": 0, "month": 1, "year": 2}

_ISO = re.compile(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


@dataclass(frozen=True)
class Span:
    """A date at its stated precision: first and last day it may mean."""

    lo: date
    hi: date
    precision: str
    text: str           # canonical ISO text at that precision


def parse(value: str | None) -> Span | None:
    """'2025-04-10' -> day, '2025-04' -> month, '2025' -> year; anything else -> None."""
    if not value:
        return None
    m = _ISO.fullmatch(str(value).strip()[:10])
    if not m:
        return None
    try:
        y = int(m.group(1))
        if m.group(3):
            d = date(y, int(m.group(2)), int(m.group(3)))
            return Span(d, d, "day", d.isoformat())
        if m.group(2):
            mo = int(m.group(2))
            last = calendar.monthrange(y, mo)[1]
            return Span(date(y, mo, 1), date(y, mo, last), "month", f"{y:04d}-{mo:02d}")
        return Span(date(y, 1, 1), date(y, 12, 31), "year", f"{y:04d}")
    except ValueError:
        return None


def compatible(a: Span, b: Span) -> bool:
    """Same event possible: days within DAY_SLACK, else equal at the coarser precision."""
    if a.precision == "day" and b.precision == "day":
        return abs((a.lo - b.lo).days) <= DAY_SLACK
    if "year" in (a.precision, b.precision):
        return a.lo.year == b.lo.year
    return (a.lo.year, a.lo.month) == (b.lo.year, b.lo.month)


def near(a: Span, b: Span, days: int) -> bool:
    """The two intervals are at most ``days`` apart."""
    gap = max((b.lo - a.hi).days, (a.lo - b.hi).days, 0)
    return gap <= days


def overlaps(a: Span, b: Span) -> bool:
    """Neither is strictly before the other."""
    return a.lo <= b.hi and b.lo <= a.hi


def from_value(value: date | str | None) -> Span | None:
    """A publication date (a date object or ISO text) as a day span."""
    if value is None:
        return None
    if isinstance(value, date):
        return Span(value, value, "day", value.isoformat())
    return parse(value)
