"""Article text is untrusted: an article carrying markup must show as text and run nothing.

The article below (written for this test, about a made-up detention) puts ``<script>`` tags,
``onerror=``/``onload=``/``onmouseover=`` attributes and ``javascript:`` links in its title, body,
outlet and URL. It is ingested for real (relevance, extraction, merge), so the payload reaches
every page that shows the article or what was extracted from it: the lists, the article page,
search results, the person and exchange pages, with evidence sentences opened. On each page
nothing may have run (no dialog, the payload's window flag unset), no live markup from the
article may be in the DOM, and the payload must be readable as text.
"""
from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from browser_support import DESKTOP, chromium, ingest_paths, live_server, module_database, save_screenshot

FLAG = "__swapwatch_pwned"
TITLE = (f'Reporter <script>window.{FLAG}="title";alert("title")</script> Marta Velloso detained in Tehran '
         f'<img src=x onerror="window.{FLAG}=\'title-img\';alert(\'title-img\')">')
BODY = (
    "Iranian security forces detained the Portuguese journalist Marta Velloso in Tehran on Monday, her "
    f'newspaper said. <script>window.{FLAG} = "body-script"; alert("body-script")</script>\n\n'
    f'Velloso, 41, was charged with espionage <img src=x onerror="window.{FLAG}=\'body-img\'; alert(\'body-img\')"> '
    "and is being held in Evin prison, her lawyer said. Supporters shared an appeal "
    f'<a href="javascript:window.{FLAG}=\'body-link\'">sign the petition</a> calling for her release.\n\n'
    f'Last year Iran released the Portuguese engineer Tomas Brandao <svg onload="window.{FLAG}=\'svg\'"></svg> '
    "in exchange for Hamid Rezaei, an Iranian diplomat jailed in Belgium, in a swap mediated by Oman.\n"
)
ARTICLE = {"title": TITLE, "text": BODY, "url": f"javascript:window.{FLAG}='url'",
           "outlet": f'<b onmouseover="window.{FLAG}=\'outlet\'">Harbour Wire</b>', "published": "2025-03-04",
           "language": "en"}
# Markup that would be live if anything from the article were rendered unescaped.
LIVE_MARKUP = ("script:not([src])", "[onerror]", "[onload]", "[onmouseover]", "a[href^='javascript:' i]",
               "img[src='x']", "svg[onload]")
REFLECTED_QUERY = f'"><img src=x onerror="window.{FLAG}=\'query\'"><script>window.{FLAG}="q"</script>'


@pytest.fixture(scope="module")
def hostile(request, tmp_path_factory):
    """A database holding only the hostile article, and what was extracted from it."""
    from swapwatch.store import open_store

    source = tmp_path_factory.mktemp("hostile") / "hostile.jsonl"
    source.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    with module_database(request, tmp_path_factory, "hostile-db") as url:
        ingest_paths(url, [source])
        store = open_store(url)
        try:
            found = {"url": url, "articles": store.articles(), "persons": store.persons(),
                     "exchanges": store.exchanges()}
        finally:
            store.close()
        yield found


@pytest.fixture(scope="module")
def base_url(hostile):
    with live_server(hostile["url"]) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def _pages(hostile) -> dict[str, tuple[str, list[str]]]:
    """Page name -> (path, payload fragments that page must show as text)."""
    article_id = hostile["articles"][0]["id"]
    velloso = next(p for p in hostile["persons"] if p.name == "Marta Velloso")
    pages = {
        "articles": ("/articles", ["<script>window.__swapwatch_pwned=\"title\""]),
        "article": (f"/articles/{quote(article_id)}", ['<script>window.__swapwatch_pwned = "body-script"',
                                                      "onerror=", "javascript:window.__swapwatch_pwned='body-link'"]),
        "search": ("/search?q=Velloso", ["<script>window.__swapwatch_pwned=\"title\""]),
        "search-reflected": (f"/search?q={quote(REFLECTED_QUERY)}", []),
        "timeline": ("/", []),
        "persons": ("/persons", []),
        "held": ("/held", ["Marta Velloso"]),
        "person-velloso": (f"/persons/{quote(velloso.id)}", ["<img src=x onerror="]),
    }
    for p in hostile["persons"]:
        pages.setdefault(f"person-{p.id}", (f"/persons/{quote(p.id)}", []))
    for x in hostile["exchanges"]:
        pages[f"exchange-{x.id}"] = (f"/exchanges/{quote(x.id)}", ["<svg onload="])
    return pages


def test_the_hostile_article_was_ingested_and_extracted(hostile):
    assert len(hostile["articles"]) == 1 and hostile["articles"][0]["relevant"]
    assert "<script>" in hostile["articles"][0]["title"]
    assert {"Marta Velloso", "Tomas Brandao"} <= {p.name for p in hostile["persons"]}
    assert hostile["exchanges"], "the swap in the last paragraph is extracted, so its page is rendered too"


def test_nothing_from_the_article_runs_and_it_reads_as_text(browser, base_url, hostile):
    context = browser.new_context(viewport=DESKTOP, base_url=base_url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    dialogs: list[str] = []

    def dismiss(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    try:
        for name, (path, shown) in _pages(hostile).items():
            response = page.goto(path)
            # The reflected query has more words than a search takes: refused (422), shown in its form.
            expected = 422 if name == "search-reflected" else 200
            assert response is not None and response.status == expected, (name, response and response.status)
            assert "script-src 'self'" in response.headers.get("content-security-policy", ""), name
            page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
            live = {sel: page.locator(sel).count() for sel in LIVE_MARKUP}
            assert not any(live.values()), (name, live)
            assert page.evaluate(f"() => window.{FLAG} === undefined"), (name, page.evaluate(f"() => window.{FLAG}"))
            assert dialogs == [], (name, dialogs)
            text = page.locator("body").text_content() or ""
            for fragment in shown:
                assert fragment in text, (name, fragment)
            if name in ("article", "person-velloso"):
                save_screenshot(page, f"desktop-injection-{name}")
    finally:
        context.close()
