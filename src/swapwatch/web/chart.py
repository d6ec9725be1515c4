"""The timeline chart: people released in each exchange, coloured by receiving country, as inline SVG.

Drawn on the server so the page needs no JavaScript and prints as it shows. Country names and
people's names come from articles, so every piece of text is escaped and the result is built
from escaped parts only, then marked as ``Markup`` once.

The design, for readers (issue 10): one bar per exchange, in date order, so a one-for-one swap
is a bar of its own and never a sliver stacked on a mass exchange in the same month. Heights
are on a square-root scale with labelled ticks: a 390-person POW exchange stands about twenty
times taller than a 1-person release (a linear scale makes that 390 times, i.e. nothing), yet
34 and 390 still look very different (a log scale would make them look alike). Every bar is
at least MIN_BAR units tall and carries its true number above it when there is room; its
<title> (hover, or keyboard focus on its link) names the date, kind, sides and people.
Two drawings are made, one wide and one narrow for phones (CSS shows one), so the chart is
tall enough at 375 px. Past data.MAX_CHART_EXCHANGES exchanges, one bar per month instead.
"""
from __future__ import annotations

import calendar
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

from markupsafe import Markup, escape

from ..model import KIND_NAMES

# Colour-blind-friendly (Okabe-Ito and Tableau-like) and distinct in greyscale print as far as possible.
PALETTE = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#7f6d00", "#8c564b", "#4b0092")
OTHER_COLOUR = "#9a9a9a"
NOT_STATED_COLOUR = "#d8d8d8"  # an exchange whose number of people no source states
UNKNOWN = "unknown"           # the legend name for people whose receiving country is not known
OTHER = "other countries"
OTHER_OR_UNKNOWN = "other or unknown"
GREY = "\x00grey"             # the series key of every country drawn grey (never a country name)
NAMES_IN_TITLE = 12           # people named in a bar's tooltip at most

# (width, height, left, right, top, bottom, font size, smallest bar) in SVG units. The wide one is
# drawn at 600-960 px, the narrow one at 300-640 px (about one unit per pixel): MIN_BAR units stay
# at least 4 px tall on every screen either is shown on.
WIDE = (960, 300, 44, 10, 16, 30, 11, 8)
NARROW = (360, 340, 34, 6, 16, 30, 11, 6)


@dataclass(frozen=True)
class LegendEntry:
    country: str
    colour: str
    people: int
    filter_value: str | None    # the timeline's country filter for this entry (None: no filter)


@dataclass(frozen=True)
class Chart:
    svg: Markup                 # the wide drawing (svg#chart)
    legend: list[LegendEntry]
    months: list[str]           # months that have at least one bar, in order
    svg_narrow: Markup = field(default=Markup(""))   # the phone drawing (svg#chart-narrow)
    bars: int = 0
    per_exchange: bool = True   # False: one bar per month (a database with very many exchanges)


def country_colours(rows: Iterable[Mapping[str, Any]], slots: int = len(PALETTE)) -> dict[str | None, str]:
    """A fixed colour per country: the biggest receivers first (ties by name), the rest grey.

    The order depends only on the data, so the same database always gives the same colours.
    """
    totals: dict[str | None, int] = defaultdict(int)
    for row in rows:
        totals[row.get("country")] += int(row.get("people") or 0)
    named = sorted((c for c in totals if c is not None), key=lambda c: (-totals[c], c))
    colours: dict[str | None, str] = {c: PALETTE[i] for i, c in enumerate(named[:slots])}
    for c in named[slots:]:
        colours[c] = OTHER_COLOUR
    if None in totals:
        colours[None] = OTHER_COLOUR
    return colours


def _people(n: int) -> str:
    return f"{n} person" if n == 1 else f"{n} people"


def _e(value: Any) -> str:
    """Escaped text for the SVG (plain string formatting: Markup.format is slow for thousands of bars)."""
    return str(escape(value))


def _attrs(**values: Any) -> str:
    return " ".join(f'{name.rstrip("_").replace("_", "-")}="{_e(value)}"' for name, value in values.items() if value is not None)


def _month_end(month: str) -> str:
    year, mon = (int(p) for p in month.split("-")[:2])
    return f"{month}-{calendar.monthrange(year, mon)[1]:02d}"


def _timeline_href(month: str, country: str | None = None) -> str:
    params = {"since": f"{month}-01", "until": _month_end(month)}
    if country:
        params["country"] = country
    return "/?" + urlencode(params)


def _date_words(value: str) -> str:
    parts = value.split("-")
    try:
        if len(parts) >= 3:
            return f"{int(parts[2])} {calendar.month_name[int(parts[1])]} {parts[0]}"
        if len(parts) == 2:
            return f"{calendar.month_name[int(parts[1])]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return value


def _ticks(top: int) -> list[int]:
    """1, 2, 5, 10, 20, 50 ... up to ``top``: on a square-root axis the small ones are far apart."""
    out, power = [], 1
    while power <= top:
        out += [t for t in (power, 2 * power, 5 * power) if t <= top]
        power *= 10
    return out


def _top(peak: int) -> int:
    for t in _ticks(max(10, peak) * 10):
        if t >= peak:
            return t
    return peak


@dataclass
class _Bar:
    key: str                    # exchange id, or a month
    date: str                   # ISO, as precise as known
    people: int
    counts: dict[Any, int]      # series -> people
    title: str
    href: str
    month: str


def exchange_bars(items: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """``stats()["released_per_exchange"]`` as it comes: kept for symmetry with month_bars."""
    return sorted((dict(i) for i in items if i.get("date")), key=lambda i: (str(i["date"]), str(i.get("id"))))


def month_bars(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """``released_per_month`` rows as one item per month (for a database with very many exchanges)."""
    months: dict[str, dict[str, Any]] = {}
    for r in rows:
        people = int(r.get("people") or 0)
        if not r.get("month") or people <= 0:
            continue
        month = str(r["month"])[:7]
        item = months.setdefault(month, {"id": None, "date": month, "kind": None, "people": 0, "sides": []})
        item["people"] += people
        item["sides"].append({"released_by": None, "received_by": r.get("country"), "people": people, "names": []})
    return [months[m] for m in sorted(months)]


def _title(item: Mapping[str, Any]) -> str:
    when = _date_words(str(item["date"]))
    people = int(item.get("people") or 0)
    if item.get("id") is None:
        head = f"{when}: {_people(people)} released"
    else:
        kind = KIND_NAMES.get(str(item.get("kind")), str(item.get("kind") or "exchange").replace("_", " "))
        head = f"{when}, {kind}: " + (_people(people) + " released" if people else "number released not stated")
    lines = [head]
    for side in item.get("sides") or ():
        who = side.get("names") or []
        shown = ", ".join(who[:NAMES_IN_TITLE]) + (f" and {len(who) - NAMES_IN_TITLE} more" if len(who) > NAMES_IN_TITLE else "")
        route = f"{side.get('released_by') or 'unknown'} → {side.get('received_by') or UNKNOWN}"
        if item.get("id") is None:
            route = side.get("received_by") or UNKNOWN
        count = int(side.get("people") or 0)
        lines.append(f"{route}: {_people(count) if count else 'number not stated'}" + (f" ({shown})" if shown else ""))
    return "\n".join(lines)


def render_chart(items: Sequence[Mapping[str, Any]] | None, month_rows: Iterable[Mapping[str, Any]] = ()) -> Chart:
    """The chart for ``released_per_exchange`` items (None: too many, draw ``month_rows`` by month)."""
    entries = exchange_bars(items) if items is not None else month_bars(month_rows)
    side_rows = [{"country": s.get("received_by"), "people": int(s.get("people") or 0)}
                 for e in entries for s in e.get("sides") or ()]
    colours = country_colours([r for r in side_rows if r["people"] > 0])
    grey = {c for c, colour in colours.items() if colour == OTHER_COLOUR}
    grey_name = OTHER if any(c is not None for c in grey) else UNKNOWN
    if None in grey and grey_name == OTHER:
        grey_name = OTHER_OR_UNKNOWN
    colours = {c: colour for c, colour in colours.items() if c not in grey}
    if grey:
        colours[GREY] = OTHER_COLOUR
    order = list(colours)
    bars: list[_Bar] = []
    totals: dict[Any, int] = defaultdict(int)
    for e in entries:
        counts: dict[Any, int] = defaultdict(int)
        for side in e.get("sides") or ():
            n = int(side.get("people") or 0)
            if n > 0:
                country = side.get("received_by")
                key = GREY if country in grey else country
                counts[key] += n
                totals[key] += n
        date = str(e["date"])
        href = f"/exchanges/{quote(str(e['id']), safe='')}" if e.get("id") is not None else _timeline_href(date[:7])
        bars.append(_Bar(key=str(e.get("id") or date), date=date, people=sum(counts.values()), counts=dict(counts),
                         title=_title(e), href=href, month=date[:7]))
    if not bars:
        empty = Markup('<svg id="{}" class="chart chart-empty" role="img" viewBox="0 0 {} 40" '
                       'xmlns="http://www.w3.org/2000/svg"><title>No releases to chart</title>'
                       '<text x="8" y="24">No releases with a known month yet.</text></svg>')
        return Chart(svg=empty.format("chart", WIDE[0]), legend=[], months=[],
                     svg_narrow=empty.format("chart-narrow", NARROW[0]))
    legend = [LegendEntry(country=grey_name if c == GREY else c or UNKNOWN, colour=colours[c], people=totals[c],
                          filter_value=None if c == GREY else c) for c in order if totals.get(c)]
    names = {c: grey_name if c == GREY else c or UNKNOWN for c in order}
    wide = _draw(bars, order, colours, names, "chart", WIDE, per_exchange=items is not None)
    narrow = _draw(bars, order, colours, names, "chart-narrow", NARROW, per_exchange=items is not None)
    months = sorted({b.month for b in bars})
    return Chart(svg=wide, legend=legend, months=months, svg_narrow=narrow, bars=len(bars),
                 per_exchange=items is not None)


def _draw(bars: Sequence[_Bar], order: Sequence[Any], colours: Mapping[Any, str], names: Mapping[Any, str],
          svg_id: str, geometry: tuple[int, ...], *, per_exchange: bool) -> Markup:
    width, height, left, right, top, bottom, font, min_bar = geometry
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(b.people for b in bars)
    top_value = _top(max(1, peak))
    slot = plot_w / len(bars)
    bar_w = max(1.0, min(slot * 0.72, 48.0))
    base_y = top + plot_h

    def bar_height(value: float) -> float:
        return plot_h * math.sqrt(value / top_value) if value > 0 else 0.0

    what = "each exchange" if per_exchange else "each month"
    out: list[str] = [
        f'<svg id="{svg_id}" class="chart" role="img" aria-labelledby="{svg_id}-title" '
        f'viewBox="0 0 {width} {height}" preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{svg_id}-title">People released in {what}, by receiving country (square-root scale)</title>']

    out.append('<g class="axis y-axis">')
    last_y = None
    for tick in [0, *_ticks(top_value)]:
        ty = round(base_y - bar_height(tick), 1)
        if last_y is not None and last_y - ty < font * 1.3 and tick != top_value:
            continue                                  # too close to the one below: no label
        last_y = ty
        out.append(f'<line {_attrs(x1=left, x2=width - right, y1=ty, y2=ty, stroke="#dddddd", stroke_width=1)}/>'
                   f'<text {_attrs(x=left - 5, y=ty + 4, text_anchor="end", font_size=font, fill="#555555")}>{tick}</text>')
    out.append("</g>")

    # Years along the bottom: a label and a faint line where each year's first bar starts.
    out.append('<g class="axis x-axis">')
    shown_year = None
    last_label_x = -1e9
    for i, b in enumerate(bars):
        year = b.date[:4]
        if year == shown_year:
            continue
        shown_year = year
        x0 = left + slot * i
        if i:
            out.append(f'<line {_attrs(x1=round(x0, 1), x2=round(x0, 1), y1=top, y2=base_y, stroke="#eeeeee", stroke_width=1)}/>')
        if x0 - last_label_x >= font * 2.6:
            out.append(f'<text {_attrs(x=round(x0 + 2, 1), y=base_y + font + 6, font_size=font, fill="#555555")}>{_e(year)}</text>')
            last_label_x = x0
    out.append(f'<line {_attrs(x1=left, x2=width - right, y1=base_y, y2=base_y, stroke="#888888", stroke_width=1)}/></g>')

    label_numbers = slot >= font * 1.9
    for i, b in enumerate(bars):
        x = round(left + slot * i + (slot - bar_w) / 2, 1)
        total_h = max(float(min_bar), bar_height(b.people))
        data = "data-exchange" if per_exchange else "data-month"
        out.append(f'<g class="bar-group" {data}="{_e(b.key)}" data-date="{_e(b.date)}" data-people="{b.people}">'
                   f'<a href="{_e(b.href)}"><title>{_e(b.title)}</title>'
                   f'<rect {_attrs(class_="hit", x=round(left + slot * i, 1), y=top, width=round(slot, 1), height=plot_h, fill="transparent")}/>')
        if b.people == 0:
            out.append(f'<rect {_attrs(class_="bar bar-unstated", x=x, y=round(base_y - total_h, 1), width=round(bar_w, 1), height=round(total_h, 1), fill=NOT_STATED_COLOUR, stroke="#999999", stroke_dasharray="2 2")}/>')
        else:
            y_bottom = base_y
            for series in order:
                n = b.counts.get(series, 0)
                if not n:
                    continue
                h = total_h * n / b.people
                out.append(f'<rect {_attrs(class_="bar", x=x, y=round(y_bottom - h, 2), width=round(bar_w, 1), height=round(h, 2), fill=colours[series], data_country=names[series])}/>')
                y_bottom -= h
        if label_numbers:
            out.append(f'<text {_attrs(class_="bar-label", x=round(x + bar_w / 2, 1), y=round(base_y - total_h - 3, 1), text_anchor="middle", font_size=font - 1, fill="#333333")}>'
                       f'{b.people if b.people else "?"}</text>')
        out.append("</a></g>")
    out.append("</svg>")
    return Markup("".join(out))
