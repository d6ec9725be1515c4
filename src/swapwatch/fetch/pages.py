"""Web pages in, Articles out: fetched politely (``client``), read by the same HTML reader
as ``.html`` files (``ingest.html``, trafilatura), so a page and a saved copy of it give the
same article. When the page states no date, the caller's hint (a feed entry's date) is used,
else htmldate's extensive search of the page and its URL.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from ..model import Article
from ..settings import Settings, limit_hint
from ..ingest.decode import decode_bytes, declared_charset
from ..ingest.failure import IngestFailure, Known, Notice, Reject, human_size
from ..ingest.html import extract_html
from ..ingest.readers import guarded
from ..ingest.records import build_article
from .client import Fetcher, FetchError

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", ""})   # "": the server did not say


def find_date(markup: str, url: str) -> str | None:
    """The page's publication date by htmldate's extensive search (ISO), or None."""
    try:
        from htmldate import find_date as htmldate_find

        return htmldate_find(markup, url=url, extensive_search=True, original_date=True,
                             outputformat="%Y-%m-%d")
    except Exception:       # htmldate on a hostile page: no date, never a crash
        return None


def read_page(fetcher: Fetcher, url: str, settings: Settings,
              published: date | str | None = None) -> Iterator[Article | Notice]:
    """The page's article, after a Notice when the size cap cut it. FetchError or Reject when
    it cannot be had."""
    fetched = fetcher.get(url)
    if fetched.content_type not in HTML_TYPES and fetched.content_type != "text/plain":
        raise Reject(f"not a web page (content type {fetched.content_type})")
    if not fetched.body:
        raise Reject("empty page")
    data = fetched.body
    markup = decode_bytes(data, fetched.charset or declared_charset(data))
    notes: list[str] = []
    if fetched.truncated:
        size = human_size(len(data)).replace(".0 ", " ")
        notes.append(f"the page is larger than {size}: only its first {size} were read, the limit "
                     f"{limit_hint('max_bytes')}")
    if fetched.content_type == "text/plain":
        text, meta = markup, {}
    else:
        text, meta = extract_html(markup, settings, notes)
    meta.setdefault("url", fetched.final_url)
    if not meta.get("published"):
        meta["published"] = published or find_date(markup, fetched.final_url)
    yield from (Notice(url, note) for note in notes)
    yield build_article(text, source=url, name=None, meta=meta, settings=settings)


def read_urls(urls: Iterable[str], settings: Settings, fetcher: Fetcher, *,
              known: Callable[[str], bool] = lambda url: False) -> Iterator[Article | IngestFailure]:
    """Each URL's article, or one IngestFailure (the URL and the reason), or ``Known`` for a URL
    ``known`` says was fetched before (not fetched again); a URL given twice is read once."""
    given: set[str] = set()
    for url in urls:
        if fetcher.stop.is_set():
            return
        if url in given:
            continue
        given.add(url)
        yield from read_one(url, settings, fetcher, known=known)


def read_one(url: str, settings: Settings, fetcher: Fetcher, *, known: Callable[[str], bool],
             published: date | str | None = None) -> Iterator[Article | IngestFailure]:
    """One URL as ``read_urls`` reads it; a transient failure says so (``FetchFailure.transient``)."""
    def attempt() -> Iterator[Article | IngestFailure]:
        if known(url):
            yield Known(url, "fetched before")
            return
        try:
            yield from read_page(fetcher, url, settings, published)
        except FetchError as e:
            yield FetchFailure(url, e.reason, transient=e.transient)

    return guarded(url, attempt())


@dataclass(frozen=True)
class FetchFailure(IngestFailure):
    """A page the network refused; ``transient`` (a timeout, a 503) is worth a try in a later cycle."""

    transient: bool = False


def is_web_url(value: str) -> bool:
    """Whether a command-line input names a web page (http:// or https://) rather than a path."""
    return value[:8].lower().startswith(("http://", "https://"))


def url_lines(text: str, limit: int = 100_000) -> list[str]:
    """The URLs of a URL list: one a line, surrounding blanks dropped, empty lines and ``#``
    comments skipped, at most ``limit`` of them."""
    urls = [line.strip() for line in text.splitlines()]
    return [u for u in urls if u and not u.startswith("#")][:limit]
