"""The server-rendered pages over a real database: the demo articles plus one hostile article.

Built once per module (the real ingest: relevance, extraction, merge) on the backend under test;
every test reads it through the app's in-process client. The browser tests (test_browser*.py) drive
the same pages in Chromium; these check the HTML itself: hooks, filters, escaping, errors.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest
from browser_support import DEMO_ARTICLES, ingest_paths, module_database

HOSTILE_TITLE = 'Russia frees Daniel Marsh <script>alert(1)</script> <img src=x onerror=alert(1)>'
HOSTILE_TEXT = (
    "Russia released the American journalist Daniel Marsh in a prisoner swap with the United States on "
    "Thursday, in exchange for the Russian agent Pavel Orlovsky. <script>alert(1)</script> Marsh had been "
    "held for two years on espionage charges. <img src=x onerror=alert(1)> He was sentenced to 14 years. "
    'Read the statement <a href="javascript:alert(1)">here</a>.\n')
HOSTILE_META = {"title": HOSTILE_TITLE, "url": "javascript:alert(1)", "outlet": "Hostile <b>Wire</b>",
                "published": "2025-03-06", "language": "en"}
# What may never appear in a page: markup that came from the article as live markup.
RAW = ("<script>alert", "<img src=x", 'href="javascript:', "<b>Wire", "<a href=\"javascript")


# The demo holds one person still detained; a made-up report of a second lets the /held tests
# cut the list short.
STILL_HELD = Path(__file__).resolve().parent / "data" / "still-held"


@pytest.fixture(scope="module")
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    hostile = tmp_path_factory.mktemp("hostile")
    (hostile / "hostile-swap.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (hostile / "hostile-swap.json").write_text(json.dumps(HOSTILE_META), encoding="utf-8")
    with module_database(request, tmp_path_factory, "pages") as url:
        ingest_paths(url, [DEMO_ARTICLES, hostile, STILL_HELD])
        yield url


@pytest.fixture(scope="module")
def web(db: str):
    from fastapi.testclient import TestClient

    from swapwatch.store import open_store
    from swapwatch.web.app import create_app

    store = open_store(db)
    with TestClient(create_app(store=store)) as client:
        client.store = store
        yield client
    store.close()


def page(web, path: str, status: int = 200) -> lxml.html.HtmlElement:
    response = web.get(path)
    assert response.status_code == status, (path, response.status_code, response.text[:500])
    assert response.headers["content-type"].startswith("text/html")
    return lxml.html.fromstring(response.text)


def hrefs(doc: lxml.html.HtmlElement, xpath: str) -> list[str]:
    return [a.get("href") for a in doc.xpath(xpath)]


def has_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


@pytest.fixture(scope="module")
def ids(web) -> dict[str, str]:
    """One of each record, the richest exchange (most sides) and the hostile article."""
    from swapwatch import read as data

    store = web.store
    exchanges = data.list_exchanges(store, limit=500)["items"]
    richest = max(exchanges, key=lambda x: (len(x["sides"]), x["id"]))
    named = next(p for s in richest["sides"] for p in s["persons"] if p["person_id"])
    articles = data.list_articles(store, limit=500)["items"]
    hostile = next(a for a in articles if a["outlet"] == HOSTILE_META["outlet"])
    marsh = data.search(store, "Daniel Marsh")["persons"][0]
    return {"exchange": richest["id"], "person": named["person_id"], "hostile_article": hostile["id"],
            "marsh": marsh["id"]}


# -- every page, its hooks and its headers ------------------------------------------------

HOOKS = {
    "/": ["//svg[@id='chart']", "//*[@id='chart-legend']", "//form[@id='filters']", "//*[@id='exchange-list']",
          "//a[" + has_class("exchange-link") + "]"],
    "/persons": ["//form[@id='person-filters']", "//*[@id='person-list']", "//a[" + has_class("person-link") + "]"],
    "/held": ["//*[@id='held']//section[" + has_class("holder") + "]", "//tr[" + has_class("held-person") + "]",
              "//td[" + has_class("since") + "]"],
    "/search?q=Gershkovich": ["//form[@id='search']//input[@name='q']", "//*[@id='results']",
                              "//*[@id='results']//a[" + has_class("person-link") + "]"],
    "/articles": ["//table[@id='articles']", "//*[" + has_class("relevance") + "]"],
    "/exchanges/{exchange}": ["//*[@id='sides']//*[" + has_class("side") + "]", "//table[@id='balance']",
                              "//*[@id='facts']", "//details[" + has_class("evidence") + "]/summary"],
    "/persons/{person}": ["//*[@id='status']", "//*[@id='history']", "//*[@id='charges']", "//*[@id='aliases']",
                          "//*[@id='exchanges']", "//details[" + has_class("evidence") + "]"],
    "/articles/{hostile_article}": ["//*[@id='article-text']//mark[starts-with(@id, 'ev-')]", "//*[@id='used']"],
}


@pytest.mark.parametrize("path", list(HOOKS))
def test_every_page_has_its_hooks_the_site_header_and_the_strict_csp(web, ids, path):
    url = path.format(**ids)
    response = web.get(url)
    assert response.status_code == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    doc = lxml.html.fromstring(response.text)
    for hook in HOOKS[path]:
        assert doc.xpath(hook), f"{url} lacks {hook}"
    nav = hrefs(doc, "//nav[@id='site-nav']//a")
    assert {"/", "/persons", "/held", "/articles", "/search", "/api/docs"} <= set(nav)
    assert doc.xpath("//form[@id='site-search' and @action='/search']//input[@name='q']")
    assert doc.xpath("//footer")
    # The CSP forbids inline code and style: the pages must not need any.
    assert not doc.xpath("//script[not(@src)] | //style | //*[@style]")
    assert not [el for el in doc.iter() if isinstance(el.tag, str) and any(a.startswith("on") for a in el.attrib)]
    assert all(link.get("href", "").startswith("/static/") for link in doc.xpath("//link[@rel='stylesheet']"))


def test_the_stylesheet_and_icon_are_served_by_the_app(web):
    css = web.get("/static/swapwatch.css")
    assert css.status_code == 200 and "@media print" in css.text and "max-width: 640px" in css.text
    assert "http" not in re.sub(r"/\*.*?\*/", "", css.text, flags=re.S)      # nothing from elsewhere
    assert web.get("/static/favicon.svg").status_code == 200


# -- timeline ---------------------------------------------------------------------------------------

def _exchange_ids(doc: lxml.html.HtmlElement) -> list[str]:
    return [h.rsplit("/", 1)[1] for h in hrefs(doc, "//*[@id='exchange-list']//a[" + has_class("exchange-link") + "]")]


def test_timeline_filters_change_the_list(web):
    everything = _exchange_ids(page(web, "/?limit=500"))
    pows = _exchange_ids(page(web, "/?kind=pow_exchange&limit=500"))
    assert everything and pows and set(pows) < set(everything)
    since = page(web, "/?since=2024-01-01&limit=500")
    dated = [t.text for t in since.xpath("//*[@id='exchange-list']//a[" + has_class("exchange-link") + "]/time")]
    assert dated and len(dated) < len(everything) and all(d >= "2024" for d in dated)
    griner = _exchange_ids(page(web, "/?q=Griner"))
    assert len(griner) == 1
    form = page(web, "/?kind=pow_exchange").xpath("//form[@id='filters']//select[@name='kind']/option[@selected]")
    assert [o.get("value") for o in form] == ["pow_exchange"]


def test_timeline_empty_state_and_a_bad_date_are_explained(web):
    none = page(web, "/?country=Atlantis")
    assert not _exchange_ids(none)
    assert "No exchanges match" in none.xpath("string(//*[@id='exchange-list'])")
    bad = page(web, "/?since=yesterday")
    assert "yesterday" in bad.xpath("string(//*[" + has_class("notice") + "])")


def test_timeline_pagination_walks_the_whole_list_with_filters_kept(web):
    everything = _exchange_ids(page(web, "/?limit=500"))
    seen, path, pages = [], "/?limit=4&kind=swap", 0
    while path:
        doc = page(web, path)
        seen += _exchange_ids(doc)
        nxt = hrefs(doc, "//a[" + has_class("next") + "]")
        if pages:
            assert hrefs(doc, "//a[" + has_class("prev") + "]"), "a later page links back"
        path = nxt[0] if nxt else None
        if path:
            assert parse_qs(urlsplit(path).query)["kind"] == ["swap"]
        pages += 1
    swaps = _exchange_ids(page(web, "/?limit=500&kind=swap"))
    assert seen == swaps and len(set(seen)) == len(seen) and pages == -(-len(swaps) // 4) > 1
    assert set(swaps) <= set(everything)


def test_the_chart_has_one_bar_group_per_dated_exchange_in_date_order(web):
    from swapwatch import read as data

    dated = [x["id"] for x in data.stats(web.store)["released_per_exchange"]]
    doc = page(web, "/")
    for svg in ("chart", "chart-narrow"):          # the wide drawing and the phone one
        groups = doc.xpath(f"//svg[@id='{svg}']//*[" + has_class("bar-group") + "]")
        assert [g.get("data-exchange") for g in groups] == dated
    dates = [g.get("data-date") for g in groups]
    assert dates == sorted(dates)
    legend = doc.xpath("string(//*[@id='chart-legend'])")
    assert "Russia" in legend and "United States" in legend
    # Every bar says what it is when hovered (an SVG <title>) and lists its month when clicked.
    groups = doc.xpath("//svg[@id='chart']//*[" + has_class("bar-group") + "]")
    assert groups and all(g.xpath("./*[local-name()='a']/*[local-name()='title']") for g in groups)
    assert all(a.get("href").startswith("/exchanges/") for a in doc.xpath("//svg[@id='chart']//a"))


# -- exchange --------------------------------------------------------------------------------------

def test_an_exchange_shows_each_side_the_balance_and_evidence_linked_to_its_span(web, ids):
    from swapwatch import read as data

    x = data.get_exchange(web.store, ids["exchange"])
    doc = page(web, f"/exchanges/{ids['exchange']}")
    titles = [t.text_content().strip() for t in doc.xpath("//*[@id='sides']//*[" + has_class("side-title") + "]")]
    assert titles == [f"Released by {s['released_by'] or 'unknown party'} to {s['received_by'] or 'unknown party'}"
                      for s in x["sides"]]
    named = {p["name"] for s in x["sides"] for p in s["persons"]}
    shown = {a.text for a in doc.xpath("//*[@id='sides']//a[" + has_class("person-link") + "]")}
    assert named and shown == {n for s in x["sides"] for p in s["persons"] if p["person_id"] for n in [p["name"]]}
    assert doc.xpath("//*[@id='sides']//*[" + has_class("category") + "]")
    header = doc.xpath("//table[@id='balance']/thead//th")
    assert len(header) == 1 + len(x["sides"])
    rows = doc.xpath("//table[@id='balance']/tbody/tr")
    assert len(rows) == len(x["balance"]) > 0
    facts = doc.xpath("string(//*[@id='facts'])")
    assert x["date"] in facts
    if x["conflicts"]:
        assert doc.xpath("//*[@id='facts']//*[" + has_class("conflict") + "]//a[" + has_class("article-link") + "]")
    # A fact's evidence: a sentence and a link to the article at the span, where a <mark> waits.
    details = doc.xpath("//*[@id='facts']//details[" + has_class("evidence") + "]")
    assert details
    sentence = details[0].xpath(".//*[" + has_class("evidence-sentence") + "]")[0].text_content()
    link = details[0].xpath(".//a[" + has_class("article-link") + "]")[0].get("href")
    assert sentence and re.fullmatch(r"/articles/[^#]+#ev--?\d+", link)
    target, anchor = link.split("#")
    article = page(web, target)
    assert article.xpath(f"//mark[@id='{anchor}']"), f"{link} points at no marked span"


# -- people and still held -----------------------------------------------------------------------

def test_person_filters_and_the_person_page(web, ids):
    from swapwatch import read as data

    detained = page(web, "/persons?status=detained&limit=500")
    statuses = {s.text_content().strip() for s in detained.xpath("//*[@id='person-list']//*[" + has_class("status") + "]")}
    assert statuses == {"detained"}
    journalists = page(web, "/persons?category=journalist&limit=500")
    names = [a.text for a in journalists.xpath("//*[@id='person-list']//a[" + has_class("person-link") + "]")]
    everyone = page(web, "/persons?limit=500").xpath("//*[@id='person-list']//a[" + has_class("person-link") + "]")
    assert "Evan Gershkovich" in names and len(names) < len(everyone)
    assert "No people match" in page(web, "/persons?q=Nobody+Atall").text_content()

    p = data.get_person(web.store, ids["person"])
    doc = page(web, f"/persons/{ids['person']}")
    assert doc.xpath("string(//h1)") == p["name"]
    assert p["status"] in doc.xpath("string(//*[@id='status'])").replace(" ", "_").lower()
    assert len(doc.xpath("//*[@id='history']/tbody/tr")) == max(1, len(p["history"]))
    spellings = [li.text for li in doc.xpath("//*[@id='aliases']/li")]
    assert spellings == [p["name"], *p["aliases"]]
    assert len(doc.xpath("//*[@id='exchanges']//a[" + has_class("exchange-link") + "]")) == len(p["exchanges"]) > 0


def test_still_held_groups_people_by_holder_with_the_age_of_the_latest_report(web):
    from swapwatch import read as data

    held = data.still_held(web.store)
    doc = page(web, "/held")
    sections = doc.xpath("//*[@id='held']/section[" + has_class("holder") + "]")
    assert len(sections) == len(held["holders"]) > 0
    for section, group in zip(sections, held["holders"]):
        assert (group["holder"] or "Holder not stated") in section.xpath("string(h2)")
        rows = section.xpath(".//tr[" + has_class("held-person") + "]")
        assert len(rows) == len(group["persons"])
        for row, person in zip(rows, group["persons"]):
            since = row.xpath("string(.//*[" + has_class("since") + "])")
            assert ("ago" in since or "today" in since) if person["days_since_report"] is not None else since


# -- search and articles ------------------------------------------------------------------------

def test_search_finds_people_exchanges_and_articles(web):
    doc = page(web, "/search?q=Griner")
    assert "Brittney Griner" in [a.text for a in doc.xpath("//*[@id='results']//a[" + has_class("person-link") + "]")]
    assert doc.xpath("//*[@id='results']//a[" + has_class("exchange-link") + "]")
    assert doc.xpath("//*[@id='results']//a[" + has_class("article-link") + "]")
    assert doc.xpath("//form[@id='search']//input[@name='q']/@value") == ["Griner"]
    empty = page(web, "/search")
    assert not empty.xpath("//*[@id='results']//a") and empty.xpath("//form[@id='search']")


def test_articles_list_shows_the_relevance_decision_and_filters_on_it(web):
    doc = page(web, "/articles?limit=500")
    decisions = [c.text.strip() for c in doc.xpath("//table[@id='articles']//td[" + has_class("relevance") + "]")]
    assert set(decisions) == {"yes", "no"}
    irrelevant = page(web, "/articles?relevant=no&limit=500")
    only = [c.text.strip() for c in irrelevant.xpath("//table[@id='articles']//td[" + has_class("relevance") + "]")]
    assert only and set(only) == {"no"} and len(only) < len(decisions)
    assert any(r.text_content().strip() for r in doc.xpath("//td[" + has_class("reasons") + "]"))


def test_an_article_marks_every_used_span_in_its_text(web, ids):
    from swapwatch import read as data

    a = data.get_article(web.store, ids["hostile_article"])
    doc = page(web, f"/articles/{ids['hostile_article']}")
    marks = {m.get("id") for m in doc.xpath("//mark[@id]")}
    assert {f"ev-{e['start']}" for e in a["used"]} <= marks
    assert doc.xpath("string(//*[@id='article-text'])") == a["text"]       # every character, as text


# -- untrusted article text ---------------------------------------------------------------------

def test_hostile_article_is_shown_as_text_on_every_page_that_shows_it(web, ids):
    x = page(web, "/?q=Marsh").xpath("//a[" + has_class("exchange-link") + "]")[0].get("href")
    paths = ["/articles", f"/articles/{ids['hostile_article']}", x, f"/persons/{ids['marsh']}",
             "/search?q=Marsh", "/?q=Marsh", "/persons?q=Marsh", "/search?q=" + "%3Cscript%3Ealert(1)"]
    for path in paths:
        html = web.get(path).text
        for raw in RAW:
            assert raw not in html, f"{path} carries {raw!r} as live markup"
    article = page(web, f"/articles/{ids['hostile_article']}")
    assert article.xpath("string(//h1)") == HOSTILE_TITLE                  # shown, as text
    assert "<script>alert(1)</script>" in article.xpath("string(//*[@id='article-text'])")
    assert not article.xpath("//*[@id='article-text']//*[not(self::mark)]")
    assert not article.xpath("//a[starts-with(normalize-space(@href), 'javascript')]")
    titles = page(web, x).xpath("//a[" + has_class("article-link") + "]")
    assert HOSTILE_TITLE in {t.text_content() for t in titles}


# -- errors -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/exchanges/x-nope", "/persons/p-nope", "/articles/nope", "/no/such/page",
                                  "/exchanges/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/persons/%3Cimg%20src=x%20onerror=alert(1)%3E"])
def test_an_unknown_page_is_a_404_html_page_with_the_site_around_it(web, path):
    doc = page(web, path, status=404)
    assert "404" in doc.xpath("string(//h1)")
    assert doc.xpath("//nav[@id='site-nav']")
    assert not doc.xpath("//script | //img")          # an id from the address is shown as text


def test_a_bad_query_parameter_is_a_422_html_page(web):
    doc = page(web, "/persons?offset=-1", status=422)
    assert "422" in doc.xpath("string(//h1)")


def test_still_held_narrows_to_one_holder_and_says_when_it_shows_only_the_first_people(web, monkeypatch):
    from swapwatch import read as data
    from swapwatch.web import pages

    held = data.still_held(web.store)
    biggest = held["holders"][0]
    one = page(web, f"/held?held_by={biggest['holder']}")
    assert len(one.xpath("//tr[" + has_class("held-person") + "]")) == len(biggest["persons"])
    assert len(one.xpath("//section[" + has_class("holder") + "]")) == 1
    assert "No one is reported as still held" in page(web, "/held?held_by=Atlantis").text_content()
    assert held["total"] >= 2
    monkeypatch.setattr(pages, "HELD_LIMIT", 1)
    capped = page(web, "/held")
    assert len(capped.xpath("//tr[" + has_class("held-person") + "]")) == 1
    notice = capped.xpath("string(//*[" + has_class("notice") + "])")
    assert f"first 1 of {held['total']} people" in " ".join(notice.split())
    assert capped.xpath("//*[" + has_class("notice") + "]//a[@href='/persons?status=detained']")


def test_every_list_page_explains_an_empty_database(store):
    from fastapi.testclient import TestClient

    from swapwatch.web.app import create_app

    empties = {"/": "No exchanges match", "/persons": "No people match", "/held": "No one is reported as still held",
               "/articles": "No articles match", "/search?q=anything": "No people match"}
    with TestClient(create_app(store=store)) as client:
        for path, message in empties.items():
            response = client.get(path)
            assert response.status_code == 200, path
            assert message in lxml.html.fromstring(response.text).text_content(), path
        chart = lxml.html.fromstring(client.get("/").text).xpath("//svg[@id='chart']")
        assert chart and not chart[0].xpath(".//*[" + has_class("bar-group") + "]")


@pytest.mark.parametrize("path", ["/?kind=swap&since=2023-01-01&offset=1&limit=3", "/persons?status=detained",
                                  "/held", "/articles?relevant=no", "/search?q=Griner", "/exchanges/{exchange}"])
def test_every_page_links_to_itself_as_json(web, ids, path):
    link = page(web, path.format(**ids)).xpath("//a[" + has_class("json-link") + "]/@href")
    assert link and link[0].startswith("/api/")
    response = web.get(link[0])
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/json")
