"""The pure parts of the pages: the SVG chart, marked article text, safe links. No database."""
from __future__ import annotations

import lxml.etree
import pytest
from markupsafe import Markup

from swapwatch.web.chart import OTHER_COLOUR, PALETTE, country_colours, render_chart
from swapwatch.web.pages import ago, marked_article, mark_spans, pager, safe_href

SVG = "{http://www.w3.org/2000/svg}"
ROWS = [
    {"month": "2024-08", "country": "Russia", "people": 8},
    {"month": "2024-08", "country": "United States", "people": 3},
    {"month": "2022-12", "country": "United States", "people": 1},
    {"month": "2022-12", "country": "Russia", "people": 1},
    {"month": "2023-01", "country": None, "people": 2},
]


def parse(svg: Markup) -> lxml.etree._Element:
    return lxml.etree.fromstring(str(svg).encode())


def test_the_chart_stacks_each_month_by_country_with_a_tooltip_per_bar():
    chart = render_chart(ROWS)
    root = parse(chart.svg)
    assert root.get("id") == "chart"
    groups = root.findall(f".//{SVG}g[@class='bar-group']")
    assert [g.get("data-month") for g in groups] == ["2022-12", "2023-01", "2024-08"] == chart.months
    august = groups[-1].findall(f".//{SVG}rect")
    assert [r.get("data-country") for r in august] == ["Russia", "United States"]     # biggest receiver at the bottom
    heights = [float(r.get("height")) for r in august]
    assert heights[0] / heights[1] == pytest.approx(8 / 3, rel=0.05)
    # Bars of one month sit on top of each other: the upper one ends where the lower one starts.
    low, high = august
    assert float(high.get("y")) + float(high.get("height")) == pytest.approx(float(low.get("y")), abs=0.2)
    assert august[0].find(f"{SVG}title").text == "2024-08 · Russia: 8 people"
    assert groups[1].find(f".//{SVG}rect/{SVG}title").text == "2023-01 · unknown: 2 people"


def test_the_axis_runs_through_empty_months_and_labels_them():
    root = parse(render_chart(ROWS).svg)
    labels = [t.text for t in root.findall(f".//{SVG}g[@class='axis x-axis']/{SVG}text")]
    assert labels[0] == "Dec 2022" and "2023" in labels and "2024" in labels    # years at each January
    ticks = [t.text for t in root.findall(f".//{SVG}g[@class='axis y-axis']/{SVG}text")]
    assert ticks[0] == "0" and int(ticks[-1]) >= 11


def test_colours_are_fixed_by_country_size_and_the_legend_says_so():
    colours = country_colours(ROWS)
    assert colours["Russia"] == PALETTE[0] and colours["United States"] == PALETTE[1]
    assert colours[None] == OTHER_COLOUR
    assert country_colours(list(reversed(ROWS))) == colours               # order of rows does not matter
    legend = render_chart(ROWS).legend
    assert [(e.country, e.people) for e in legend] == [("Russia", 9), ("United States", 4), ("unknown", 2)]
    many = [{"month": "2024-01", "country": f"C{i:02d}", "people": 100 - i} for i in range(len(PALETTE) + 3)]
    entries = render_chart(many).legend
    assert entries[-1].country == "other countries" and entries[-1].people == sum(100 - i for i in range(len(PALETTE), len(PALETTE) + 3))


def test_country_names_in_the_chart_are_escaped():
    chart = render_chart([{"month": "2024-01", "country": "<script>x</script>", "people": 2}])
    assert "<script>" not in chart.svg and "&lt;script&gt;" in chart.svg
    parse(chart.svg)                                                   # still well-formed XML


def test_an_empty_chart_says_so():
    chart = render_chart([])
    assert chart.months == [] and chart.legend == []
    assert parse(chart.svg).get("id") == "chart" and "No releases" in chart.svg


def test_marked_spans_are_escaped_pieces_that_never_nest():
    text = "a <b>bold</b> claim & more"
    out = mark_spans(text, [(2, 13, "ev-2"), (5, 9, "ev-5"), (15, 20, "ev-15")])
    assert isinstance(out, Markup)
    assert "<b>" not in out
    assert out == ('a <mark id="ev-2">&lt;b&gt;</mark><mark id="ev-5">bold</mark><mark>&lt;/b&gt;</mark>'
                   ' c<mark id="ev-15">laim </mark>&amp; more')
    assert mark_spans(text, [(-3, -1, "x"), (40, 50, "y"), (4, 4, "z")]) == Markup.escape(text)


def test_headline_spans_have_negative_starts_and_are_marked_in_the_title():
    article = {"title": "Russia  frees <i>Marc</i>", "text": "Marc is home.",
               "used": [{"start": -10, "end": -8}, {"start": 0, "end": 4}]}
    # The extractor read "Russia frees <i>Marc</i>\n\n" (26 characters, spaces collapsed) before the text:
    # headline position = start + 26, so -10 is the "Ma" of Marc.
    head, body = marked_article(article)
    assert head == 'Russia frees &lt;i&gt;<mark id="ev--10">Ma</mark>rc&lt;/i&gt;'
    assert body == '<mark id="ev-0">Marc</mark> is home.'


@pytest.mark.parametrize("url, ok", [
    ("https://example.org/a?b=1", True), ("http://example.org", True), ("javascript:alert(1)", False),
    (" JavaScript:alert(1)", False), ("data:text/html,<script>", False), ("//evil.example", False),
    ("/articles/x", False), (None, False), ("vbscript:x", False), ("http:evil", False)])
def test_only_plain_web_addresses_become_links(url, ok):
    assert (safe_href(url) is not None) == ok


def test_ago_reads_days_as_words():
    assert [ago(None), ago(0), ago(1), ago(12), ago(90), ago(800)] == [
        "no dated report", "today", "1 day ago", "12 days ago", "3 months ago", "2 years ago"]


class _Request:
    def __init__(self, query: str):
        from starlette.datastructures import URL, QueryParams

        self.query_params = QueryParams(query)
        self.url = URL("http://testserver/persons?" + query)


def test_pager_keeps_the_filters_and_moves_the_offset():
    pg = pager(_Request("status=detained&offset=50&q="), {"total": 120, "limit": 50, "offset": 50})
    assert (pg["first"], pg["last"], pg["total"]) == (51, 100, 120)
    assert pg["prev"] == "/persons?status=detained" and pg["next"] == "/persons?status=detained&offset=100"
    last = pager(_Request("offset=100"), {"total": 120, "limit": 50, "offset": 100})
    assert last["next"] is None and last["last"] == 120


def test_countries_beyond_the_palette_share_one_grey_bar_per_month():
    rows = [{"month": f"2024-{m:02d}", "country": f"C{i:03d}", "people": 1000 - i}
            for m in range(1, 13) for i in range(200)] + [{"month": "2024-03", "country": None, "people": 5}]
    chart = render_chart(rows)
    root = parse(chart.svg)
    for group in root.findall(f".//{SVG}g[@class='bar-group']"):
        assert len(group.findall(f".//{SVG}rect")) == len(PALETTE) + 1
    assert chart.legend[-1].country == "other or unknown" and chart.legend[-1].filter_value is None
    assert sum(e.people for e in chart.legend) == sum(r["people"] for r in rows)
    assert len(chart.svg) < 200_000


def test_each_disagreement_goes_beside_its_fact_and_the_rest_to_one_row():
    from swapwatch.web.pages import conflicts_for, unplaced_conflicts

    conflicts = [{"field": f, "values": []} for f in ("date", "sides[1].count", "sides[4].count", "mediators")]
    assert [c["field"] for c in conflicts_for(conflicts, "sides[1].count")] == ["sides[1].count"]
    assert [c["field"] for c in unplaced_conflicts(conflicts, 2)] == ["sides[4].count", "mediators"]


def test_at_phone_width_only_the_first_label_and_the_years_stay_on_the_x_axis():
    root = parse(render_chart(ROWS).svg)
    labels = root.findall(f".//{SVG}g[@class='axis x-axis']/{SVG}text")
    major = [t.text for t in labels if t.get("class") == "major"]
    assert major == ["Dec 2022", "2023", "2024"]                        # the CSS hides the others under 640 px
    assert len(labels) > len(major)
    assert root.get("viewBox", "").startswith("0 0 ")                  # it scales to its frame, never scrolls


def test_a_side_line_puts_a_space_before_its_count():
    from swapwatch.web.pages import _environment

    macros = _environment().get_template("_macros.html").module
    named = str(macros.side_line({"released_by": "Russia", "received_by": "United States", "count": 1,
                                  "persons": [{"person_id": "p1", "name": "Marc Fogel"}]}))
    assert 'Marc Fogel</a> <span class="count">(1)</span>' in named
    unnamed = str(macros.side_line({"released_by": "A", "received_by": "B", "count": 5, "persons": []}))
    assert '<span class="unnamed">unnamed</span> <span class="count">(5)</span>' in unnamed
