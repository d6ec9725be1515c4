"""The pages in a real browser (Debian's chromium via Playwright) over the demo database.

A reader's path: the timeline, one exchange, a fact's evidence sentence, the article with the
sentence marked, a person, search, the people still held; every page at phone width and with
no console error (the strict CSP reports any inline script or style as one). Screenshots of
the main pages go to SWAPWATCH_SCREENSHOTS (default test-artifacts/screenshots/).
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from browser_support import (DESKTOP, PHONE, chromium, demo_database, horizontal_overflow, ingest_paths,
                             live_server, module_database, save_screenshot)

TIMEOUT_MS = 15_000


@pytest.fixture(scope="module")
def demo_url(request, tmp_path_factory):
    with demo_database(request, tmp_path_factory) as url:
        yield url


@pytest.fixture(scope="module")
def demo(demo_url):
    """What the demo database holds, read through the Store: the expectations of these tests."""
    from swapwatch.store import open_store

    store = open_store(demo_url)
    try:
        exchanges, persons, articles = store.exchanges(), store.persons(), store.articles()
    finally:
        store.close()
    griner = next(x for x in exchanges if any("Brittney Griner" in s.persons for s in x.sides))
    return {"exchanges": exchanges, "persons": persons, "articles": articles, "griner_swap": griner,
            "by_name": {p.name: p for p in persons}}


@pytest.fixture(scope="module")
def base_url(demo_url):
    with live_server(demo_url) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def _open_page(browser, base_url, viewport):
    context = browser.new_context(viewport=viewport, base_url=base_url)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    errors: list[str] = []

    def console(msg) -> None:
        # A failed load is reported below with its URL; the browser's own /favicon.ico probe is not a page's.
        if msg.type == "error" and not msg.text.startswith("Failed to load resource"):
            errors.append(msg.text)

    page.on("console", console)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    return context, page, errors


@pytest.fixture
def page(browser, base_url):
    context, page, _ = _open_page(browser, base_url, DESKTOP)
    yield page
    context.close()


def _main_pages(demo) -> dict[str, str]:
    """Name -> path of every main page, with the Griner swap, Griner and her article as the records shown."""
    swap = demo["griner_swap"]
    person = demo["by_name"]["Brittney Griner"]
    return {
        "timeline": "/",
        "exchange": f"/exchanges/{quote(swap.id)}",
        "persons": "/persons",
        "person": f"/persons/{quote(person.id)}",
        "held": "/held",
        "search": "/search?q=Griner",
        "articles": "/articles",
        "article": f"/articles/{quote(swap.articles[0])}",
        "api-docs": "/api/docs",
    }


def test_timeline_shows_the_chart_and_every_exchange(page, demo):
    page.goto("/")
    expect(page.locator("svg#chart")).to_be_visible()
    expect(page.locator("#chart-legend")).to_be_visible()
    expect(page.locator("#chart-legend")).to_contain_text("United States")   # a receiving country of the demo
    links = page.locator("#exchange-list a.exchange-link")
    expect(links.first).to_be_visible()
    shown = {href.rsplit("/", 1)[-1] for href in links.evaluate_all("els => els.map(e => e.getAttribute('href'))")}
    assert shown == {quote(x.id) for x in demo["exchanges"]}
    expect(page.locator("form#filters")).to_be_visible()


def test_timeline_filter_narrows_the_list(page, demo):
    page.goto("/")
    page.locator("form#filters [name=q]").fill("Griner")
    page.locator("form#filters [name=q]").press("Enter")
    page.wait_for_url(re.compile(r"[?&]q=Griner"))
    links = page.locator("#exchange-list a.exchange-link")
    expect(links).to_have_count(1)
    expect(links.first).to_have_attribute("href", f"/exchanges/{quote(demo['griner_swap'].id)}")


def test_timeline_pages_forward_and_back(page, demo):
    page.goto("/?limit=4")
    links = page.locator("#exchange-list a.exchange-link")
    first_page = links.evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert len(set(first_page)) == 4
    expect(page.locator("a.prev")).to_have_count(0)
    page.locator("a.next").first.click()
    page.wait_for_url(re.compile(r"offset=4"))
    second_page = links.evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert second_page and not set(second_page) & set(first_page)
    page.locator("a.prev").first.click()
    page.wait_for_url(lambda url: "offset=4" not in url)
    assert links.evaluate_all("els => els.map(e => e.getAttribute('href'))") == first_page


DISAGREEING = Path(__file__).resolve().parent / "data" / "disagreeing"


@pytest.fixture(scope="module")
def disputed_url(request, tmp_path_factory):
    """Two reports of one exchange that disagree on a figure (written for this test)."""
    with module_database(request, tmp_path_factory, "disputed") as url:
        ingest_paths(url, [DISAGREEING])
        yield url


def test_conflicting_values_are_shown_with_their_sources(browser, disputed_url):
    from swapwatch.store import open_store

    store = open_store(disputed_url)
    try:
        disputed = next(x for x in store.exchanges() if x.conflicts)
    finally:
        store.close()
    with live_server(disputed_url) as url:
        context, page, _ = _open_page(browser, url, DESKTOP)
        try:
            _check_conflicts_shown(page, disputed)
        finally:
            context.close()


def _check_conflicts_shown(page, disputed) -> None:
    page.goto(f"/exchanges/{quote(disputed.id)}")
    conflicts = page.locator("#facts .conflict")
    expect(conflicts).to_have_count(len(disputed.conflicts))
    for conflict in disputed.conflicts:
        item = conflicts.filter(has_text=conflict.field.replace("_", " ")).first
        for value in conflict.values:
            expect(item).to_contain_text(str(value["value"]))
        assert item.locator("a.article-link").count() >= len(conflict.values)


def test_follow_an_exchange_open_a_fact_and_read_the_marked_sentence(page, demo):
    swap = demo["griner_swap"]
    page.goto("/")
    page.locator(f"#exchange-list a.exchange-link[href='/exchanges/{quote(swap.id)}']").first.click()
    page.wait_for_url(f"**/exchanges/{quote(swap.id)}")

    sides = page.locator("#sides .side")
    expect(sides).to_have_count(len(swap.sides))
    for i, side in enumerate(swap.sides):
        expect(sides.nth(i).locator(".side-title")).to_contain_text(f"Released by {side.released_by}")
        expect(sides.nth(i).locator(".side-title")).to_contain_text(str(side.received_by))
    griner = page.locator("#sides a.person-link", has_text="Brittney Griner")
    expect(griner).to_be_visible()
    expect(griner.locator("xpath=ancestor::li[1]").locator(".category").first).to_be_visible()
    expect(page.locator("#balance")).to_be_visible()

    # The date fact: its evidence sentence is hidden until the reader opens it.
    date_fact = page.locator("#facts .fact", has_text="Date").locator("details.evidence").first
    sentence = date_fact.locator(".evidence-sentence").first
    expect(sentence).to_be_hidden()
    date_fact.locator("summary").click()
    expect(sentence).to_be_visible()
    stated = " ".join(sentence.inner_text().split()).strip("“”\"")
    assert stated and stated in {" ".join(e.sentence.split()) for e in swap.evidence}

    link = date_fact.locator("a.article-link").first
    href = link.get_attribute("href") or ""
    found = re.fullmatch(r"/articles/([^#]+)#ev-(-?\d+)", href)
    assert found, href
    link.click()
    page.wait_for_url(f"**{href}")
    mark = page.locator(f"mark[id='ev-{found.group(2)}']")
    expect(mark).to_be_visible()
    assert " ".join(mark.inner_text().split()) in stated


def test_open_a_person_from_an_exchange(page, demo):
    person = demo["by_name"]["Brittney Griner"]
    page.goto(f"/exchanges/{quote(demo['griner_swap'].id)}")
    page.locator("#sides a.person-link", has_text="Brittney Griner").first.click()
    page.wait_for_url(f"**/persons/{quote(person.id)}")
    expect(page.locator("h1")).to_contain_text("Brittney Griner")
    expect(page.locator("#status")).to_contain_text(person.status.replace("_", " "))
    expect(page.locator("#history")).to_be_visible()
    expect(page.locator(f"#exchanges a.exchange-link[href='/exchanges/{quote(demo['griner_swap'].id)}']")).to_be_visible()
    for alias in person.aliases:
        expect(page.locator("#aliases")).to_contain_text(alias)
    if person.charges:
        expect(page.locator("#charges")).to_contain_text(person.charges[0])
    evidence = page.locator("details.evidence").first
    evidence.locator("summary").click()
    expect(evidence.locator(".evidence-sentence").first).to_be_visible()


def test_search_from_the_site_header_and_follow_a_result(page, demo):
    person = demo["by_name"]["Evan Gershkovich"]
    page.goto("/held")
    box = page.locator("form#site-search input[name=q]")
    box.fill("Gershkovich")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=Gershkovich"))
    expect(page.locator("form#search input[name=q]")).to_have_value("Gershkovich")
    result = page.locator("#results a.person-link", has_text="Gershkovich").first
    expect(result).to_be_visible()
    expect(page.locator("#results a.article-link").first).to_be_visible()
    result.click()
    page.wait_for_url(f"**/persons/{quote(person.id)}")
    expect(page.locator("h1")).to_contain_text("Evan Gershkovich")


def test_still_held_lists_everyone_detained_by_holder(page, demo):
    detained = [p for p in demo["persons"] if p.status == "detained"]
    assert detained, "the demo database holds people still detained"
    page.goto("/held")
    holders = page.locator("#held section.holder")
    expect(holders.first).to_be_visible()
    assert holders.count() == len({p.held_by for p in detained})
    rows = page.locator("#held tr.held-person")
    expect(rows).to_have_count(len(detained))
    for p in detained:
        expect(rows.filter(has_text=p.name).first).to_be_visible()
    since = rows.first.locator(".since")
    expect(since).to_be_visible()
    assert since.inner_text().strip()


def test_articles_page_shows_every_relevance_decision(page, demo):
    page.goto("/articles")
    rows = page.locator("#articles .relevance")
    expect(rows).to_have_count(len(demo["articles"]))
    texts = [t.strip().lower() for t in rows.all_inner_texts()]
    assert sum(t.startswith("yes") for t in texts) == sum(a["relevant"] for a in demo["articles"])
    assert sum(t.startswith("no") for t in texts) == sum(not a["relevant"] for a in demo["articles"])


def test_main_pages_render_with_no_console_error_and_are_photographed(browser, base_url, demo):
    context, page, errors = _open_page(browser, base_url, DESKTOP)
    try:
        for name, path in _main_pages(demo).items():
            response = page.goto(path)
            assert response is not None and response.status == 200, (path, response and response.status)
            save_screenshot(page, f"desktop-{name}")
            assert errors == [], (path, errors)
        page.emulate_media(media="print")
        page.goto(_main_pages(demo)["exchange"])
        save_screenshot(page, "print-exchange")
    finally:
        context.close()


def test_site_navigation_reaches_every_page(page):
    page.goto("/")
    nav = page.locator("nav#site-nav")
    for href in ("/", "/persons", "/held", "/search", "/articles"):
        expect(nav.locator(f"a[href='{href}']")).to_have_count(1)


def test_every_main_page_fits_a_phone_without_horizontal_scroll(browser, base_url, demo):
    context, page, errors = _open_page(browser, base_url, PHONE)
    try:
        wide = {}
        for name, path in _main_pages(demo).items():
            if name == "api-docs":
                continue        # a developer's reference, read on a desktop; the reader's pages must fit
            page.goto(path)
            save_screenshot(page, f"phone-{name}")
            overflow = horizontal_overflow(page)
            if overflow > 0:
                wide[name] = overflow
        assert wide == {}, f"pages wider than 375 px (by px): {wide}"
        assert errors == []
    finally:
        context.close()
