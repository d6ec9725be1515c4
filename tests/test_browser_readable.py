"""Readable pages in a real browser (issue 10, parts 3-5): the timeline keeps small exchanges visible next
to a mass exchange, at desktop and at 375 px; /held shows event dates. Screenshots of every changed
page, desktop and phone, go where the other browser tests put theirs (SWAPWATCH_SCREENSHOTS).
"""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser_support import DESKTOP, PHONE, chromium, demo_database, horizontal_overflow, live_server, \
    module_database, save_screenshot
from readable_support import seed_lopsided

MIN_PX = 4
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def demo_base(request, tmp_path_factory):
    with demo_database(request, tmp_path_factory) as url, live_server(url) as base:
        yield base


@pytest.fixture(scope="module")
def lopsided_base(request, tmp_path_factory):
    from swapwatch.store import open_store

    with module_database(request, tmp_path_factory, "lopsided") as url:
        store = open_store(url)
        try:
            seed_lopsided(store)
        finally:
            store.close()
        with live_server(url) as base:
            yield base


def _page(browser, base, viewport):
    context = browser.new_context(viewport=viewport, base_url=base)
    context.set_default_timeout(15_000)
    return context, context.new_page()


def _bar_heights(page) -> dict[str, float]:
    """Per bar group of the chart on screen, the rendered height (CSS px) of its bar."""
    return page.evaluate("""() => {
        const svg = [...document.querySelectorAll('svg.chart')].find(s => s.getBoundingClientRect().width > 0);
        const out = {};
        for (const g of svg.querySelectorAll('.bar-group')) {
            const rects = [...g.querySelectorAll('rect.bar')].map(r => r.getBoundingClientRect());
            out[g.dataset.exchange || g.dataset.month] = Math.max(...rects.map(r => r.bottom)) - Math.min(...rects.map(r => r.top));
        }
        return out;
    }""")


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("database", ["demo", "lopsided"])
def test_every_exchange_has_a_bar_at_least_4px_tall(browser, demo_base, lopsided_base, database, viewport):
    from swapwatch.store import open_store  # noqa: F401  (the expectations come from the page's own links)

    base = demo_base if database == "demo" else lopsided_base
    context, page = _page(browser, base, VIEWPORTS[viewport])
    try:
        page.goto("/?limit=500")
        listed = set(page.locator("#exchange-list a.exchange-link").evaluate_all(
            "els => els.map(e => decodeURIComponent(e.getAttribute('href').split('/').pop()))"))
        heights = _bar_heights(page)
        dated = set(page.locator("#exchange-list a.exchange-link").evaluate_all(
            "els => els.filter(e => e.querySelector('time') && e.querySelector('time').textContent.match(/\\d{4}/))"
            ".map(e => decodeURIComponent(e.getAttribute('href').split('/').pop()))"))
        assert dated and dated <= listed and set(heights) == dated, (set(heights) ^ dated)
        small = {k: h for k, h in heights.items() if h < MIN_PX}
        assert not small, f"bars under {MIN_PX} px: {small}"
        svg = page.locator("svg#chart" if viewport == "desktop" else "svg#chart-narrow")
        expect(svg).to_be_visible()
        assert svg.bounding_box()["height"] >= 200          # not an 80 px strip on a phone
        assert horizontal_overflow(page) == 0
        if database == "lopsided":
            # The 390-person exchange and the 2-person swaps: the true number is written on each bar.
            labels = svg.locator(".bar-label").evaluate_all("els => els.map(e => e.textContent)")
            assert "390" in labels and labels.count("2") == 4
            # A small exchange names its people on hover (an SVG <title>, no JavaScript).
            title = svg.locator(".bar-group[data-exchange='x-swap1'] title").first.text_content()
            assert "Tom Hale" in title and "Andrei Volkov" in title
            assert max(heights.values()) / min(heights.values()) < 25         # square-root scale, not 195:1
        save_screenshot(page, f"{viewport}-readable-timeline-{database}")
    finally:
        context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_held_shows_event_dates_and_a_summary_per_holder(browser, lopsided_base, viewport):
    context, page = _page(browser, lopsided_base, VIEWPORTS[viewport])
    try:
        page.goto("/held")
        row = page.locator("tr.held-person", has_text="Evan Reporter")
        expect(row.locator(".held-since")).to_have_text("March 2023")
        expect(row.locator(".held-since time")).to_have_attribute("datetime", "2023-03")
        summary = page.locator("#held-summary")
        expect(summary).to_be_visible()
        expect(summary.locator("tr", has_text="Russia").locator(".held-now")).to_have_text("1")
        assert horizontal_overflow(page) == 0
        save_screenshot(page, f"{viewport}-readable-held")
    finally:
        context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_changed_pages_are_photographed(browser, lopsided_base, viewport):
    pages = {"exchange": "/exchanges/x-pow", "person": "/persons/p-reporter", "articles": "/articles",
             "article": "/articles/a-pow", "persons": "/persons", "api-docs": "/api/docs"}
    context, page = _page(browser, lopsided_base, VIEWPORTS[viewport])
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        for name, path in pages.items():
            response = page.goto(path)
            assert response is not None and response.status == 200, path
            if name == "exchange":
                page.locator("#sides details.evidence summary").first.click()
            save_screenshot(page, f"{viewport}-readable-{name}")
        assert errors == []
    finally:
        context.close()
