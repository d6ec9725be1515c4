"""The quick reader of HTML pages (lxml only): the screen a web archive's pages pass before trafilatura.

Every page here is written for these tests."""
from __future__ import annotations

import pytest

from swapwatch.ingest.decode import declared_charset, decode_bytes
from swapwatch.ingest.failure import Reject
from swapwatch.ingest.html import prepare_markup
from swapwatch.ingest.quicktext import quick_text
from swapwatch.settings import Settings

SETTINGS = Settings(db_url="sqlite://")


def read(markup: str) -> tuple[str, dict]:
    return quick_text(prepare_markup(markup, SETTINGS, []))


def test_the_article_is_preferred_to_the_rest_of_the_body() -> None:
    text, _ = read("""<html><body><div>Weather for the weekend: rain in the hills.</div>
        <article><h2>Ferry timetable changes</h2><p>The morning ferry leaves
        twenty minutes earlier from Monday.</p><p>The evening one is unchanged.</p></article>
        <div>Most read: a cat rescued from a lighthouse.</div></body></html>""")
    assert text == ("Ferry timetable changes\n\nThe morning ferry leaves twenty minutes earlier from Monday."
                    "\n\nThe evening one is unchanged.")


@pytest.mark.parametrize("container", ['<div itemprop="articleBody">{}</div>', "<main>{}</main>"])
def test_an_article_body_or_main_is_used_when_there_is_no_article(container: str) -> None:
    inner = "<p>The bakery on Mill Street won the county prize for its rye bread.</p>"
    text, _ = read(f"<html><body><div><p>Sign up for our letter.</p></div>{container.format(inner)}</body></html>")
    assert text == "The bakery on Mill Street won the county prize for its rye bread."


def test_every_article_of_a_listing_page_is_read() -> None:
    text, _ = read("<html><body><article><p>First story of the day.</p></article>"
                   "<article><p>Second story of the day.</p></article></body></html>")
    assert text == "First story of the day.\n\nSecond story of the day."


def test_boilerplate_and_scripts_never_reach_the_text() -> None:
    text, _ = read("""<html><head><style>p { color: red }</style>
        <script>document.title = "SCRIPT-PAYLOAD-1"</script></head><body>
        <header>Site header menu</header><nav><a href="/">Home</a> NAV-LINKS</nav>
        <p>The river festival returns <img src=x onerror="alert('ATTR-PAYLOAD')">this summer.</p>
        <script>var s = "<p>SCRIPT-PAYLOAD-2</p>"; if (a < b) {}</script>
        <noscript>Please enable scripts</noscript><!-- COMMENT-PAYLOAD -->
        <aside>Related: ASIDE-TEXT</aside><form><label>Search FORM-TEXT</label></form>
        <figure><figcaption>FIGURE-CAPTION</figcaption></figure>
        <footer>FOOTER-TEXT, all rights reserved</footer></body></html>""")
    assert text == "The river festival returns this summer."


def test_blocks_are_paragraphs_and_inline_text_joins_its_neighbours() -> None:
    text, _ = read("""<html><body><div>Opening line of the
        page <b>in bold</b> and <a href="#">a link</a>.<p>A nested   paragraph.</p>After it.</div>
        <ul><li>One</li><li>Two <em>items</em></li></ul><table><tr><td>Cell A</td><td>Cell B</td></tr></table>
        </body></html>""")
    assert text.split("\n\n") == ["Opening line of the page in bold and a link.", "A nested paragraph.", "After it.",
                                  "One", "Two items", "Cell A", "Cell B"]


def test_metadata_comes_from_the_head_and_the_page() -> None:
    _, meta = read("""<html lang="pt-BR"><head><title>  Harbour news
        today </title><meta property="og:site_name" content="The Harbour Post">
        <meta name="date" content="not a date"></head><body>
        <article><time datetime="2024-07-09T06:00:00+02:00">9 July</time><p>Text.</p></article></body></html>""")
    assert meta == {"title": "Harbour news today", "outlet": "The Harbour Post", "published": "2024-07-09T06:00:00+02:00",
                    "language": "pt-BR"}


def test_the_title_falls_back_to_og_title_then_h1() -> None:
    assert read('<html><head><meta property="og:title" content="From og"></head><body><h1>From h1</h1>'
                "</body></html>")[1]["title"] == "From og"
    assert read("<html><body><h1>From  h1</h1><p>Body.</p></body></html>")[1]["title"] == "From h1"


@pytest.mark.parametrize("markup", ["", "   ", "<html><body></body></html>",
                                    "<html><body><nav>Only a menu</nav><script>x()</script></body></html>"])
def test_a_page_without_text_is_one_clear_reason(markup: str) -> None:
    with pytest.raises(Reject) as caught:
        read(markup)
    assert caught.value.reason.startswith("no text found in the HTML")


def test_odd_encodings_still_decode() -> None:
    page = ('<?xml version="1.0" encoding="windows-1251"?><html><head>'
            '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head>'
            "<body><p>Рыбаки вернулись домой во вторник.</p>\x07</body></html>").encode("cp1251")
    text, _ = read(decode_bytes(page, declared_charset(page)))
    assert text == "Рыбаки вернулись домой во вторник."


def test_the_limits_are_checked_before_the_quick_reader_parses() -> None:
    deep = "<div>" * 400 + "text" + "</div>" * 400
    with pytest.raises(Reject) as caught:
        quick_text(prepare_markup(deep, SETTINGS, []))
    assert "nested over" in caught.value.reason


@pytest.mark.parametrize("odd", ["\x0c", "\ufffe", "\uffff"])
def test_a_text_lxml_will_not_write_back_is_no_quick_text_not_a_crash(odd: str) -> None:
    """A form feed (or U+FFFE, U+FFFF) beside a block: libxml2 reads it, lxml refuses to set it
    back when the blocks are fenced; the page is then left to the full reader."""
    markup = f"<html><body><p>The ferry runs again from Monday.</p>{odd}<p>Tickets cost less.</p></body></html>"
    with pytest.raises(Reject) as caught:
        read(markup)
    assert caught.value.reason.startswith("no quick text")
