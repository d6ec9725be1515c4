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


EXCHANGES = [
    {"id": "x-1", "date": "2022-12-08", "kind": "swap", "people": 2,
     "sides": [{"released_by": "Russia", "received_by": "United States", "people": 1, "names": ["Tom Hale"]},
               {"released_by": "United States", "received_by": "Russia", "people": 1, "names": ["Ivan Sokolov"]}]},
    {"id": "x-2", "date": "2024-05", "kind": "pow_exchange", "people": 390,
     "sides": [{"released_by": "Russia", "received_by": "Ukraine", "people": 195, "names": []},
               {"released_by": "Ukraine", "received_by": "Russia", "people": 195, "names": []}]},
    {"id": "x-3", "date": "2024-05-20", "kind": "unilateral_release", "people": 1,
     "sides": [{"released_by": "Belarus", "received_by": None, "people": 1, "names": ["Ola Again"]}]},
    {"id": "x-4", "date": "2021-08", "kind": "swap", "people": 0,
     "sides": [{"released_by": "Taliban", "received_by": "United States", "people": 0, "names": []}]},
]


def _bar_heights(root) -> dict[str, float]:
    return {g.get("data-exchange"): sum(float(r.get("height")) for r in g.findall(f".//{SVG}rect[@class]")
                                        if "bar" in r.get("class").split())
            for g in root.findall(f".//{SVG}g[@class='bar-group']")}


def test_one_bar_per_exchange_in_date_order_on_a_square_root_scale():
    chart = render_chart(EXCHANGES)
    for svg, name in ((chart.svg, "chart"), (chart.svg_narrow, "chart-narrow")):
        root = parse(svg)
        assert root.get("id") == name
        heights = _bar_heights(root)
        assert list(heights) == ["x-4", "x-1", "x-2", "x-3"]   # by date; a month before its days
        assert heights["x-2"] / heights["x-1"] == pytest.approx((390 / 2) ** 0.5, rel=0.05)
        assert min(heights.values()) >= 6                                      # MIN_BAR: about 6 px or more
        labels = [t.text for t in root.findall(f".//{SVG}text[@class='bar-label']")]
        assert labels == ["?", "2", "390", "1"]                                # the true numbers
    assert chart.per_exchange and chart.months == ["2021-08", "2022-12", "2024-05"]


def test_a_bar_names_its_exchange_and_people_and_links_to_it():
    root = parse(render_chart(EXCHANGES).svg)
    swap = root.find(f".//{SVG}g[@data-exchange='x-1']")
    title = swap.find(f".//{SVG}title").text
    assert title.startswith("8 December 2022, swap: 2 people released")
    assert "Russia → United States: 1 person (Tom Hale)" in title and "Ivan Sokolov" in title
    assert swap.find(f"{SVG}a").get("href") == "/exchanges/x-1"
    pow_title = root.find(f".//{SVG}g[@data-exchange='x-2']//{SVG}title").text
    assert pow_title.startswith("May 2024, POW exchange: 390 people released")
    ticks = [t.text for t in root.findall(f".//{SVG}g[@class='axis y-axis']/{SVG}text")]
    assert ticks[0] == "0" and {"2", "10"} <= set(ticks) and int(ticks[-1]) >= 390   # small numbers labelled too


def test_with_too_many_exchanges_the_chart_draws_months():
    chart = render_chart(None, ROWS)
    root = parse(chart.svg)
    groups = root.findall(f".//{SVG}g[@class='bar-group']")
    assert [g.get("data-month") for g in groups] == ["2022-12", "2023-01", "2024-08"] == chart.months
    assert not chart.per_exchange
    august = groups[-1].findall(f".//{SVG}rect[@class='bar']")
    assert [r.get("data-country") for r in august] == ["Russia", "United States"]     # biggest receiver at the bottom
    heights = [float(r.get("height")) for r in august]
    assert heights[0] / heights[1] == pytest.approx(8 / 3, rel=0.05)
    assert groups[-1].find(f"{SVG}a").get("href") == "/?since=2024-08-01&until=2024-08-31"


def test_colours_are_fixed_by_country_size_and_the_legend_says_so():
    colours = country_colours(ROWS)
    assert colours["Russia"] == PALETTE[0] and colours["United States"] == PALETTE[1]
    assert colours[None] == OTHER_COLOUR
    assert country_colours(list(reversed(ROWS))) == colours               # order of rows does not matter
    legend = render_chart(None, ROWS).legend
    assert [(e.country, e.people) for e in legend] == [("Russia", 9), ("United States", 4), ("unknown", 2)]
    many = [{"month": "2024-01", "country": f"C{i:02d}", "people": 100 - i} for i in range(len(PALETTE) + 3)]
    entries = render_chart(None, many).legend
    assert entries[-1].country == "other countries" and entries[-1].people == sum(100 - i for i in range(len(PALETTE), len(PALETTE) + 3))


def test_names_in_the_chart_are_escaped():
    hostile = [{"id": "<x>", "date": "2024-01-02", "kind": "swap", "people": 2,
                "sides": [{"released_by": "<b>R</b>", "received_by": "<script>x</script>", "people": 2,
                           "names": ["<img src=x onerror=alert(1)>"]}]}]
    for chart in (render_chart(None, [{"month": "2024-01", "country": "<script>x</script>", "people": 2}]),
                  render_chart(hostile)):
        for svg in (chart.svg, chart.svg_narrow):
            assert "<script>" not in svg and "<img" not in svg and "&lt;script&gt;" in svg
            parse(svg)                                                   # still well-formed XML


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
    chart = render_chart(None, rows)
    root = parse(chart.svg)
    for group in root.findall(f".//{SVG}g[@class='bar-group']"):
        assert len(group.findall(f".//{SVG}rect[@class='bar']")) == len(PALETTE) + 1
    assert chart.legend[-1].country == "other or unknown" and chart.legend[-1].filter_value is None
    assert sum(e.people for e in chart.legend) == sum(r["people"] for r in rows)
    assert len(chart.svg) < 200_000


def test_each_disagreement_goes_beside_its_fact_and_the_rest_to_one_row():
    from swapwatch.web.pages import conflicts_for, unplaced_conflicts

    conflicts = [{"field": f, "values": []} for f in ("date", "sides[1].count", "sides[4].count", "mediators")]
    assert [c["field"] for c in conflicts_for(conflicts, "sides[1].count")] == ["sides[1].count"]
    assert [c["field"] for c in unplaced_conflicts(conflicts, 2)] == ["sides[4].count", "mediators"]


def test_the_phone_drawing_is_tall_and_labels_the_years():
    chart = render_chart(EXCHANGES)
    wide, narrow = parse(chart.svg), parse(chart.svg_narrow)
    _, _, w, h = (float(v) for v in narrow.get("viewBox").split())
    assert w <= 375 and h >= 300                      # about one unit a pixel at 375 px: not an 80 px strip
    for root in (wide, narrow):
        years = [t.text for t in root.findall(f".//{SVG}g[@class='axis x-axis']/{SVG}text")]
        assert years == ["2021", "2022", "2024"]


def test_a_side_line_puts_a_space_before_its_count():
    from swapwatch.web.pages import _environment

    macros = _environment().get_template("_macros.html").module
    named = str(macros.side_line({"released_by": "Russia", "received_by": "United States", "count": 1,
                                  "persons": [{"person_id": "p1", "name": "Marc Fogel"}]}))
    assert 'Marc Fogel</a> <span class="count">(1)</span>' in named
    unnamed = str(macros.side_line({"released_by": "A", "received_by": "B", "count": 5, "persons": []}))
    assert '<span class="unnamed">unnamed</span> <span class="count">(5)</span>' in unnamed
