"""The timeline chart: people released per month, stacked by receiving country, as inline SVG.

Drawn on the server so the page needs no JavaScript and prints as it shows. A pure function of
``stats()["released_per_month"]``; country names come from articles, so every piece of text is
escaped and the result is built from escaped parts only, then marked as ``Markup`` once.
"""
from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup, escape

# Colour-blind-friendly (Okabe-Ito and Tableau-like) and distinct in greyscale print as far as possible.
PALETTE = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#7f6d00", "#8c564b", "#4b0092")
OTHER_COLOUR = "#9a9a9a"
UNKNOWN = "unknown"           # the legend name for people whose receiving country is not known
OTHER = "other countries"
OTHER_OR_UNKNOWN = "other or unknown"
GREY = "\x00grey"             # the series key of every country drawn grey (never a country name)
MAX_CONTINUOUS_MONTHS = 1200  # a century; longer spans (a stray date) show only the months present

WIDTH, HEIGHT = 960, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 12, 46   # room for tick labels drawn larger at phone width


@dataclass(frozen=True)
class LegendEntry:
    country: str
    colour: str
    people: int
    filter_value: str | None    # the timeline's country filter for this entry (None: no filter)


@dataclass(frozen=True)
class Chart:
    svg: Markup
    legend: list[LegendEntry]
    months: list[str]           # months that have at least one bar, in order


def _month_index(month: str) -> int:
    year, mon = month.split("-")[:2]
    return int(year) * 12 + int(mon) - 1


def _month_name(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _month_end(month: str) -> str:
    year, mon = (int(p) for p in month.split("-")[:2])
    return f"{month}-{calendar.monthrange(year, mon)[1]:02d}"


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


def _label_step(months: int) -> int:
    """Label every month, or every 2nd, 3rd... so that at most 16 labels show; Januaries always among them."""
    for step in (1, 2, 3, 6, 12, 24, 60, 120, 240, 600):
        if months / step <= 16:
            return step
    return 1200


def _axis_label(index: int, *, first: bool) -> str:
    """'2024' at a January, 'Apr' within a year, 'Dec 2022' for the first month when it is no January."""
    year, month = divmod(index, 12)
    if month == 0:
        return str(year)
    name = calendar.month_abbr[month + 1]
    return f"{name} {year}" if first else name


def _nice_step(peak: int) -> int:
    """A round tick step giving about four gridlines."""
    raw = max(1, peak / 4)
    for base in (1, 2, 5):
        for power in range(0, 9):
            step = base * 10 ** power
            if step >= raw:
                return step
    return int(raw)


def _e(value: Any) -> str:
    """Escaped text for the SVG (plain string formatting below: Markup.format is slow for thousands of bars)."""
    return str(escape(value))


def _attrs(**values: Any) -> str:
    return " ".join(f'{name.rstrip("_").replace("_", "-")}="{_e(value)}"' for name, value in values.items() if value is not None)


def _timeline_href(month: str, country: str | None) -> str:
    params = {"since": f"{month}-01", "until": _month_end(month)}
    if country:
        params["country"] = country
    return "/?" + urlencode(params)


def render_chart(rows: Iterable[Mapping[str, Any]], *, width: int = WIDTH, height: int = HEIGHT) -> Chart:
    """The chart for ``released_per_month`` rows ``{"month": "YYYY-MM", "country", "people"}``."""
    rows = [r for r in rows if r.get("month") and int(r.get("people") or 0) > 0]
    colours = country_colours(rows)
    # Countries without a colour of their own (and unknown receivers) form one grey series, so a
    # month is at most len(PALETTE) + 1 bars however many countries there are.
    grey = {c for c, colour in colours.items() if colour == OTHER_COLOUR}
    grey_name = OTHER if any(c is not None for c in grey) else UNKNOWN
    if None in grey and grey_name == OTHER:
        grey_name = OTHER_OR_UNKNOWN
    per_month: dict[str, dict[str | None, int]] = defaultdict(lambda: defaultdict(int))
    for r in rows:
        country = r.get("country")
        per_month[str(r["month"])[:7]][GREY if country in grey else country] += int(r["people"])
    colours = {c: colour for c, colour in colours.items() if c not in grey}
    if grey:
        colours[GREY] = OTHER_COLOUR
    present = sorted(per_month, key=_month_index)
    if not present:
        svg = Markup('<svg id="chart" class="chart chart-empty" role="img" viewBox="0 0 {} 40" '
                     'xmlns="http://www.w3.org/2000/svg"><title>No releases to chart</title>'
                     '<text x="8" y="24">No releases with a known month yet.</text></svg>').format(width)
        return Chart(svg=svg, legend=[], months=[])

    first, last = _month_index(present[0]), _month_index(present[-1])
    continuous = last - first + 1 <= MAX_CONTINUOUS_MONTHS
    axis = [_month_name(i) for i in range(first, last + 1)] if continuous else present
    order = list(colours)       # stable stacking order, bottom to top: the legend's order, grey last
    peak = max(sum(v.values()) for v in per_month.values())
    step = _nice_step(peak)
    top_value = step * -(-peak // step)

    plot_w, plot_h = width - LEFT - RIGHT, height - TOP - BOTTOM
    slot = plot_w / len(axis)
    bar_w = max(1.0, slot * 0.78)

    def y(value: float) -> float:
        return TOP + plot_h - plot_h * value / top_value

    # Every piece below is either a number, a constant, or text passed through _e().
    out: list[str] = [
        '<svg id="chart" class="chart" role="img" aria-labelledby="chart-title" '
        f'viewBox="0 0 {width} {height}" preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg">'
        '<title id="chart-title">People released per month, by receiving country</title>']

    out.append('<g class="axis y-axis">')
    for tick in range(0, top_value + 1, step):
        ty = round(y(tick), 1)
        out.append(f'<line {_attrs(x1=LEFT, x2=width - RIGHT, y1=ty, y2=ty, stroke="#dddddd", stroke_width=1)}/>'
                   f'<text {_attrs(x=LEFT - 6, y=ty + 4, text_anchor="end", font_size=11, fill="#555555")}>{tick}</text>')
    out.append("</g>")

    out.append('<g class="axis x-axis">')
    step = _label_step(len(axis))
    labelled = 0
    for i, month in enumerate(axis):
        index = _month_index(month) if continuous else i
        # The first month gets a label of its own unless a regular one follows too closely.
        lone_first = i == 0 and step - index % step >= step / 2
        if index % step and not lone_first:
            continue
        cx = round(LEFT + slot * (i + 0.5), 1)
        text = _axis_label(_month_index(month), first=not labelled or not continuous)
        # "major": the first label and each year; at phone width only these show (larger, see swapwatch.css).
        major = "major" if labelled == 0 or not continuous or _month_index(month) % 12 == 0 else None
        out.append(f'<text {_attrs(class_=major, x=cx, y=TOP + plot_h + 16, text_anchor="middle", font_size=11, fill="#555555")}>'
                   f'{_e(text)}</text>')
        labelled += 1
    axis_line = _attrs(x1=LEFT, x2=width - RIGHT, y1=TOP + plot_h, y2=TOP + plot_h, stroke="#888888", stroke_width=1)
    out.append(f'<line {axis_line}/></g>')

    for i, month in enumerate(axis):
        counts = per_month.get(month)
        if not counts:
            continue
        x = round(LEFT + slot * i + (slot - bar_w) / 2, 1)
        total = sum(counts.values())
        out.append(f'<g class="bar-group" data-month="{_e(month)}"><title>{_e(month)}: {_people(total)} released</title>')
        base = 0
        for country in order:
            people = counts.get(country, 0)
            if not people:
                continue
            y_top, y_bottom = y(base + people), y(base)
            name = grey_name if country == GREY else country or UNKNOWN
            box = _attrs(x=x, y=round(y_top, 1), width=round(bar_w, 1), height=round(max(2.0, y_bottom - y_top), 1),
                         fill=colours[country], data_country=name)
            href = _timeline_href(month, None if country == GREY else country)
            out.append(f'<a href="{_e(href)}"><rect class="bar" {box}>'
                       f'<title>{_e(month)} · {_e(name)}: {_people(people)}</title></rect></a>')
            base += people
        out.append("</g>")
    out.append("</svg>")

    totals: dict[str | None, int] = defaultdict(int)
    for counts in per_month.values():
        for country, people in counts.items():
            totals[country] += people
    legend = [LegendEntry(country=grey_name if c == GREY else c or UNKNOWN, colour=colours[c], people=totals[c],
                          filter_value=None if c == GREY else c) for c in order]
    return Chart(svg=Markup("".join(out)), legend=legend, months=present)
