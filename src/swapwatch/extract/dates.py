"""Date expressions in news text, resolved against the article's publication date.

News dates events relative to the day it appears ("on Thursday", "last December"), so a
date is only as good as the publication date it is read against.  Rules:

* a weekday is the most recent such day on or before publication ("Friday" in a Friday
  article is that day); "last Thursday" is strictly before, "next Monday" strictly after;
* a month without a year is the most recent such month not after publication ("in
  February", "late October"); "last December" / "this past April" is strictly before
  the publication month;
* a day and month without a year ("May 23", "23 May") take the year that puts them
  nearest before publication + 7 days;
* "this week" / "earlier this week" give the publication month (month precision), as
  the day is unknown; "last week" gives the month holding most days of the week before the
  publication week (Monday to Sunday);
* no relative expression resolves to a date after publication + 7 days;
* without a publication date only explicit dates with a year are returned, marked
  ``inferred``.

Plain regexes compiled once; no dateparser (it is slow and too eager).
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

EXTRACTOR_ID = "swapwatch.dates.v1"


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    text: str
    value: str          # ISO partial: "2024-08-01", "2024-08", "2024"
    precision: str      # "day" | "month" | "year"
    relative: bool      # resolved against the publication date
    inferred: bool      # no publication date known: the value came from the text alone


MONTHS = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
    "August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9,
    "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}
WEEKDAYS = {"Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3, "Friday": 4,
            "Saturday": 5, "Sunday": 6}
_FULL_MONTHS = frozenset(list(MONTHS)[:12])
_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

_MONTH_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_MONTH = rf"(?P<month>(?:{_MONTH_FULL})|{_MONTH_ABBR})(?![\w])"
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?![\d])"
_WEEKDAY = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_LEAD_WD = rf"(?:(?:{_WEEKDAY}),?\s+)?"
_SPACE = r"[ \u00a0]+"
_MOD = r"(?P<mod>(?i:early|late|mid|the (?:end|beginning|start|middle) of|this past|last|next|this))"
_CUE = (r"(?i:in|since|until|till|by|during|through|throughout|from|of|before|after|between|"
        r"and|or|to|on|around|at|for|as of|starting|ending|that)")
_COUNT_WORDS = re.compile(
    r"\s+(?:people|persons|prisoners|detainees|hostages|captives|soldiers|servicemen|civilians|"
    r"fighters|troops|POWs|prisoners-of-war|inmates|journalists|children|women|men|bodies|"
    r"others|more|years?|months?|days?|weeks?|hours?|minutes?|percent|per cent)\b")

# Each pattern: (name, compiled regex).  The name selects the resolver.
_PATTERNS = [
    ("iso", re.compile(r"(?<![\w-])(?P<year>(?:19|20)\d\d)-(?P<mnum>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])(?![\w-])")),
    ("mdy", re.compile(rf"(?<![\w]){_LEAD_WD}{_MONTH}{_SPACE}{_DAY}(?![\w:])(?:,?{_SPACE}{_YEAR})?")),
    ("dmy", re.compile(rf"(?<![\w$.,]){_LEAD_WD}(?:the{_SPACE})?{_DAY}(?:{_SPACE}of)?{_SPACE}{_MONTH}(?:,?{_SPACE}{_YEAR})?")),
    ("my", re.compile(rf"(?<![\w])(?:{_MOD}[- ])?{_MONTH}(?:,?{_SPACE}(?:of{_SPACE})?){_YEAR}")),
    ("m", re.compile(rf"(?<![\w])(?:(?P<cue>{_CUE}){_SPACE})?(?:{_MOD}(?:-|{_SPACE}))?{_MONTH}")),
    ("y", re.compile(rf"(?<![\w])(?P<cue>{_CUE}|(?i:mid|early|late|spring|summer|autumn|fall|winter))(?:-|{_SPACE})"
                     rf"(?:(?P<ymod>(?i:early|late|mid|the (?:end|beginning|start|middle|summer|spring|autumn|fall|winter) of))(?:-|{_SPACE}))?"
                     rf"{_YEAR}(?![\d,.]\d)")),
    ("wd", re.compile(rf"(?<![\w])(?:(?P<mod>(?i:last|next|this past|this|late on|early on|late|early)){_SPACE})?"
                      rf"(?P<wd>{_WEEKDAY})(?![\w])")),
    ("ago", re.compile(r"(?<![\w])(?P<n>\d{1,2}|(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))"
                       r"[ \u00a0]+(?P<unit>(?i:days?|weeks?|months?|years?))[ \u00a0]+(?i:ago|earlier than)(?![\w])")),
    ("rel", re.compile(
        r"(?<![\w])(?P<rel>(?i:the day before yesterday|earlier today|later today|today|tonight|"
        r"earlier this morning|this morning|this afternoon|this evening|yesterday|last night|tomorrow|"
        r"earlier this week|later this week|this week|last week|the previous week|the past week|"
        r"earlier this month|later this month|this month|last month|the previous month|"
        r"earlier this year|later this year|so far this year|this year|last year|the previous year|"
        r"over the weekend|last weekend|this weekend|at the weekend|on the weekend))(?![\w])")),
]

_HOLIDAY_BEFORE = re.compile(r"(?:Good|Black|Bloody|Super|Ash|Holy|Palm|Easter|Cyber|Maundy|Clean)\s+$")
_OUTLET_AFTER = re.compile(r"\s+(?:Times|Telegraph|Mirror|Express|Herald|Post|Observer|Mail|Star|Sport)\b")
_NAME_AFTER = re.compile(r"\s+[A-Z][a-z]")


def _ymd(d: date) -> str:
    return d.isoformat()


def _valid(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]


def _month_num(name: str) -> int:
    return MONTHS[name.rstrip(".")]


def _shift_month(y: int, m: int, delta: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + delta
    return idx // 12, idx % 12 + 1


class _Resolver:
    """Turns one regex match into a (value, precision, relative) triple, or None."""

    def __init__(self, published: date | None, bare: bool):
        self.pub = published
        self.bare = bare      # resolve_date: a lone "2023" or "May" is meant as a date
        self.limit = published + timedelta(days=7) if published else None

    # explicit or day-month dates
    def day_month(self, m: re.Match) -> tuple[str, str, bool] | None:
        month = _month_num(m.group("month")) if m.groupdict().get("month") else int(m.group("mnum"))
        day = int(m.group("day"))
        year = m.group("year")
        if year:
            y = int(year)
            return (_ymd(date(y, month, day)), "day", False) if _valid(y, month, day) else None
        if self.pub is None or self.limit is None:
            return None
        if _COUNT_WORDS.match(m.string, m.end()):
            return None   # "in May 23 prisoners were freed"
        for y in (self.pub.year + 1, self.pub.year, self.pub.year - 1):
            if _valid(y, month, day) and date(y, month, day) <= self.limit:
                return _ymd(date(y, month, day)), "day", True
        return None

    def month_year(self, m: re.Match) -> tuple[str, str, bool] | None:
        return f"{int(m.group('year')):04d}-{_month_num(m.group('month')):02d}", "month", False

    def month(self, m: re.Match) -> tuple[str, str, bool] | None:
        name = m.group("month")
        cue = (m.group("cue") or "").lower()
        mod = (m.group("mod") or "").lower()
        if name.rstrip(".") not in _FULL_MONTHS and not self.bare:
            return None             # "Aug", "Dec." need a day or a year ("Mar-a-Lago")
        if not (cue or mod):
            if not self.bare:
                if name in ("May", "March") or name.rstrip(".") not in _FULL_MONTHS:
                    return None     # "May" is a verb; "Aug"/"Dec." need a day or year
                if _NAME_AFTER.match(m.string, m.end()):
                    return None     # "April Ryan", "June Almeida"
        elif not mod and cue in ("and", "or", "to", "that", "at", "for") and name in ("May", "March"):
            return None             # "Theresa May", "to March"
        if self.pub is None:
            return None
        mnum = _month_num(name)
        if mod == "next":
            y = self.pub.year if mnum > self.pub.month else self.pub.year + 1
            return (f"{y:04d}-{mnum:02d}", "month", True) if date(y, mnum, 1) <= self.limit else None
        if mod == "this":
            y = self.pub.year      # "this December" in October is ahead: dropped by the limit
            return (f"{y:04d}-{mnum:02d}", "month", True) if date(y, mnum, 1) <= self.limit else None
        if mod in ("last", "this past"):
            y = self.pub.year if mnum < self.pub.month else self.pub.year - 1
        else:
            y = self.pub.year if mnum <= self.pub.month else self.pub.year - 1
        return f"{y:04d}-{mnum:02d}", "month", True

    def year(self, m: re.Match) -> tuple[str, str, bool] | None:
        return m.group("year"), "year", False

    def bare_year(self, m: re.Match) -> tuple[str, str, bool] | None:
        return m.group(0), "year", False

    def weekday(self, m: re.Match) -> tuple[str, str, bool] | None:
        if self.pub is None:
            return None
        s = m.start()
        if _HOLIDAY_BEFORE.search(m.string[max(0, s - 12):s]):
            return None
        if _OUTLET_AFTER.match(m.string, m.end()):
            return None
        wd = WEEKDAYS[m.group("wd")]
        mod = (m.group("mod") or "").lower()
        back = (self.pub.weekday() - wd) % 7
        if mod == "last" or mod == "this past":
            back = back or 7
        elif mod == "next":
            fwd = (wd - self.pub.weekday()) % 7 or 7
            return _ymd(self.pub + timedelta(days=fwd)), "day", True
        elif back == 6 and mod in ("early", "late", "early on", "late on"):
            # "landed early Friday" in a story stamped Thursday: hours from the story's time,
            # which the feed stamped with the day before in the outlet's time zone ("on
            # Saturday" in a Friday story is six days back)
            return _ymd(self.pub + timedelta(days=1)), "day", True
        return _ymd(self.pub - timedelta(days=back)), "day", True

    def ago(self, m: re.Match) -> tuple[str, str, bool] | None:
        if self.pub is None:
            return None
        n_txt = m.group("n").lower()
        n = int(n_txt) if n_txt.isdigit() else _SMALL[n_txt]
        unit = m.group("unit").lower().rstrip("s")
        if unit == "day":
            return _ymd(self.pub - timedelta(days=n)), "day", True
        if unit == "week":
            d = self.pub - timedelta(days=7 * n)
            return f"{d.year:04d}-{d.month:02d}", "month", True
        if unit == "month":
            y, mo = _shift_month(self.pub.year, self.pub.month, -n)
            return f"{y:04d}-{mo:02d}", "month", True
        return f"{self.pub.year - n:04d}", "year", True

    def relative(self, m: re.Match) -> tuple[str, str, bool] | None:
        if self.pub is None:
            return None
        rel = " ".join(m.group("rel").lower().split())
        p = self.pub
        if rel in ("today", "tonight", "this morning", "this afternoon", "this evening", "earlier today",
                   "later today", "earlier this morning"):
            return _ymd(p), "day", True
        if rel in ("yesterday", "last night"):
            return _ymd(p - timedelta(days=1)), "day", True
        if rel == "the day before yesterday":
            return _ymd(p - timedelta(days=2)), "day", True
        if rel == "tomorrow":
            return _ymd(p + timedelta(days=1)), "day", True
        if rel.endswith("weekend"):
            back = (p.weekday() - 5) % 7
            if rel in ("last weekend",) and back < 2:
                back += 7
            return _ymd(p - timedelta(days=back)), "day", True
        if rel.endswith("week"):
            # The week as an interval (Monday..Sunday), given as the month that holds most of
            # its days: "last week" in a Tuesday 6 August article is 29 July - 4 August: August.
            # "This week" stays the publication month.
            d = p
            if rel in ("last week", "the previous week"):
                monday = p - timedelta(days=p.weekday() + 7)
                days = [monday + timedelta(days=i) for i in range(7)]
                d = max(days, key=lambda x: (sum((y.year, y.month) == (x.year, x.month) for y in days), x))
            return f"{d.year:04d}-{d.month:02d}", "month", True
        if rel.endswith("month"):
            y, mo = (_shift_month(p.year, p.month, -1) if rel in ("last month", "the previous month")
                     else (p.year, p.month))
            return f"{y:04d}-{mo:02d}", "month", True
        if rel.endswith("year"):
            y = p.year - 1 if rel in ("last year", "the previous year") else p.year
            return f"{y:04d}", "year", True
        return None


_DISPATCH = {"iso": "day_month", "mdy": "day_month", "dmy": "day_month", "my": "month_year",
             "m": "month", "y": "year", "wd": "weekday", "ago": "ago", "rel": "relative"}
_YEAR_MODS = frozenset({"mid", "early", "late", "spring", "summer", "autumn", "fall", "winter"})
_BARE_YEAR = re.compile(r"(?<![\w$.,])(?:19|20)\d\d(?![\w,.]\d|\d)")


def _span(name: str, m: re.Match) -> tuple[int, int]:
    """Leave plain prepositions ("in", "on", "since") out of the span; keep modifiers."""
    start = m.start()
    if name == "m":
        start = m.start("mod") if m.group("mod") else m.start("month")
    elif name == "y":
        if m.group("ymod"):
            start = m.start("ymod")
        else:
            start = m.start("cue") if m.group("cue").lower() in _YEAR_MODS else m.start("year")
    return start, m.end()


def _find(text: str, published: date | None, bare: bool) -> list[DateMatch]:
    res = _Resolver(published, bare)
    cands: list[tuple[int, int, str, str, bool]] = []
    for name, rx in _PATTERNS:
        handler = getattr(res, _DISPATCH[name])
        for m in rx.finditer(text):
            got = handler(m)
            if got is None:
                continue
            value, precision, relative = got
            s, e = _span(name, m)
            cands.append((s, e, value, precision, relative))
    if bare:
        for m in _BARE_YEAR.finditer(text):
            cands.append((m.start(), m.end(), m.group(0), "year", False))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int]] = []
    out: list[DateMatch] = []
    limit = published + timedelta(days=7) if published else None
    for s, e, value, precision, relative in cands:
        if any(s < te and ts < e for ts, te in taken):
            continue
        if relative and limit is not None and start_of(value) > limit:
            continue
        if published is None and relative:
            continue
        taken.append((s, e))
        out.append(DateMatch(s, e, text[s:e], value, precision, relative, published is None))
    out.sort(key=lambda d: d.start)
    return out


def start_of(value: str) -> date:
    """The first day of the span a date value names ("2029", "2029-05", "2029-05-04")."""
    parts = [int(p) for p in value.split("-")]
    while len(parts) < 3:
        parts.append(1)
    return date(parts[0], parts[1], parts[2])


def find_dates(text: str, published: date | None) -> list[DateMatch]:
    """Every date expression in ``text``, resolved against ``published``, in text order.

    Times ("10 p.m."), ages ("63-year-old"), durations ("12 years") and bare numbers are
    not dates; a bare year needs a cue ("in 2023", "since 2019", "early 2024").
    """
    return _find(text or "", published, bare=False)


@lru_cache(maxsize=4096)
def resolve_date(expr: str, published: date | None) -> DateMatch | None:
    """The date one expression denotes ("last December", "2023", "May"), or None.

    Unlike :func:`find_dates`, a lone year or month name is accepted since the caller
    has already decided the expression is a date. The longest match wins.
    """
    found = _find((expr or "").strip(), published, bare=True)
    if not found:
        return None
    return max(found, key=lambda d: (d.end - d.start, -d.start))
